using FsCheck;
using FsCheck.Fluent;
using KpiIngest.Core.Source;
using KpiIngest.Core.Tests.Support;
using Shouldly;

namespace KpiIngest.Core.Tests.Properties;

/// <summary>
/// source-contract.md, "Bad rows": a row that breaks the contract is quarantined and kept out of every figure;
/// every other row is good. Over random raw rows, each row ends up exactly one of the two.
/// </summary>
public sealed class ValidationPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    private static Gen<object?> OneOf(params object?[] values) => Gen.Elements(values);

    /// <summary>Mostly good values, with the contract's breakages mixed in, as drivers would return them.</summary>
    private static Gen<RawDossier> RawDossierGen =>
        from id in OneOf("D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8", 9L, null, new string('x', 65))
        from code in OneOf("HS-1", null, new string('c', 65), "HS\n\u0000")
        from unit in OneOf("U1", "U1", "U2", "U9", "u1", null, 7L)
        from procedure in OneOf("P1", "P2", "PX", null, new string('p', 65))
        from channel in OneOf(1L, 2L, 3L, 2, 2m, "2", 0L, 4L, null, "online")
        from status in OneOf(1L, 2L, 3L, 4L, 7L, 8L, 9L, 10L, 10, 0L, 11L, null)
        from received in OneOf("2024-04-10 09:00:00", "2024-04-10T02:00:00Z", new DateTime(2024, 4, 10, 9, 0, 0), null, "10/04/2024", "9999-12-31 00:00:00")
        from due in OneOf("2024-04-20 17:00:00", null, "2024-04-01 00:00:00", new DateTimeOffset(2024, 4, 20, 17, 0, 0, TimeSpan.FromHours(7)))
        from resolved in OneOf("2024-04-15 10:00:00", null, "2024-04-09 00:00:00", "garbage", new DateTime(2024, 4, 15, 3, 0, 0, DateTimeKind.Utc))
        from fee in OneOf(null, 0L, 50000m, 12.5, -1m, double.NaN, "abc", double.PositiveInfinity)
        from paid in OneOf(0L, 1L, 2L, 3L, null, 1.5)
        from digitized in OneOf(0L, 1L, 2L, true, null)
        from eResult in OneOf(0L, 1L, 1.0, -1L)
        from reused in OneOf(0L, 1L, "1", "yes")
        from updated in OneOf("2024-04-15 10:00:01", "2024-04-15 10:00:01.5", null, "2099-01-01 00:00:00")
        select new RawDossier(id, code, unit, procedure, channel, status, received, due, resolved, fee, paid, digitized, eResult, reused, updated);

    private static Gen<RawUnit> RawUnitGen =>
        from id in OneOf("U1", "U2", "U3", "U4", 5L, null, new string('u', 65))
        from level in OneOf(1L, 2L, 3L, 0L, 4L, null, "3")
        from activeFrom in OneOf(null, "2024-01-01", "2025-07-01", "garbage")
        from activeTo in OneOf(null, "2025-06-30", new DateTime(2024, 12, 31))
        from name in OneOf("UBND xã", null, new string('n', 256))
        select new RawUnit(id, null, name, level, activeFrom, activeTo);

    private static Gen<RawProcedure> RawProcedureGen =>
        from unit in OneOf("U1", "U2", "U9", null)
        from code in OneOf("P1", "P2", "P3", null, new string('p', 65))
        from mode in OneOf(0L, 2L, 3L, 4L, 1L, 5L, null)
        from hasFee in OneOf(0L, 1L, 2L)
        from onlinePayment in OneOf(0L, 1L, true, "x")
        from requiresResult in OneOf(0L, 1L, -1L)
        select new RawProcedure(unit, code, "Thủ tục", mode, hasFee, onlinePayment, requiresResult);

    private static void ShouldPartition<T>(IReadOnlyList<object?> keys, Validated<T> result, Func<T, string> keyOfGood)
    {
        var quarantined = result.Quarantined.Select(q => q.RecordKey).ToList();
        quarantined.ShouldBeUnique("one quarantine entry per key");
        var good = result.Good.Select(keyOfGood).ToList();
        good.ShouldBeUnique("a good key is never met twice");
        foreach (var key in keys.Select(QuarantineEntry.KeyOf))
        {
            var isGood = good.Contains(key);
            var isQuarantined = quarantined.Contains(key);
            (isGood ^ isQuarantined).ShouldBeTrue($"row {key}: good {isGood}, quarantined {isQuarantined}");
        }

        good.Count.ShouldBe(keys.Count(k => good.Contains(QuarantineEntry.KeyOf(k))));
        result.Quarantined.ShouldAllBe(q => q.ValueText.Length <= 1000 && !q.ValueText.Any(char.IsControl));
    }

    [Fact]
    public void DossierValidate_RandomRawRows_EachRowGoodXorQuarantined()
    {
        Check.One(Runs, Prop.ForAll(Gen.ArrayOf(RawDossierGen).ToArbitrary(), (RawDossier[] rows) =>
        {
            var result = RawRowsBuilder.Validate(rows);

            ShouldPartition(rows.Select(r => r.DossierId).ToList(), result, d => d.DossierId);
        }));
    }

    [Fact]
    public void UnitValidate_RandomRawRows_EachRowGoodXorQuarantined()
    {
        Check.One(Runs, Prop.ForAll(Gen.ArrayOf(RawUnitGen).ToArbitrary(), (RawUnit[] rows) =>
        {
            var result = UnitValidator.Validate(rows, RawRowsBuilder.Times);

            ShouldPartition(rows.Select(r => r.UnitId).ToList(), result, u => u.UnitId);
        }));
    }

    [Fact]
    public void ProcedureValidate_RandomRawRows_EachRowGoodXorQuarantined()
    {
        Check.One(Runs, Prop.ForAll(Gen.ArrayOf(RawProcedureGen).ToArbitrary(), (RawProcedure[] rows) =>
        {
            var result = ProcedureValidator.Validate(rows, RawRowsBuilder.KnownUnits, RawRowsBuilder.Times);

            ShouldPartition(
                rows.Select(r => (object?)QuarantineEntry.PairKeyOf(r.UnitId, r.ProcedureCode)).ToList(),
                result,
                p => QuarantineEntry.PairKeyOf(p.UnitId, p.ProcedureCode));
        }));
    }
}
