using KpiIngest.Core.Source;

namespace KpiIngest.Core.Tests.Support;

/// <summary>Raw source rows holding values as an ADO.NET driver returns them (SQLite-like text and integers).</summary>
internal static class RawRowsBuilder
{
    public static DateTime LatestPlausibleUpdate { get; } = Dates.At("2030-01-01 00:00:00");

    public static SourceTimeReader Times { get; } = new(Dates.HoChiMinh);

    public static IReadOnlySet<string> KnownUnits { get; } = new HashSet<string>(StringComparer.Ordinal) { "U1", "U2" };

    /// <summary>A dossier that breaks no rule: received online, resolved on time with an electronic result.</summary>
    public static RawDossier Dossier(string id = "D1") => new(
        DossierId: id,
        DossierCode: "HS-" + id,
        UnitId: "U1",
        ProcedureCode: "1.001234",
        Channel: 2L,
        Status: 10L,
        ReceivedAt: "2024-04-10 09:00:00",
        DueAt: "2024-04-20 17:00:00",
        ResolvedAt: "2024-04-15 10:00:00",
        FeeAmount: 50000m,
        PaidOnline: 1L,
        Digitized: 1L,
        EResult: 1L,
        ReusedData: 0L,
        UpdatedAt: "2024-04-15 10:00:01");

    public static RawUnit Unit(string id = "U1") => new(id, null, "UBND xã " + id, 3L, "2020-01-01", null);

    public static RawProcedure Procedure(string unitId = "U1", string code = "1.001234") =>
        new(unitId, code, "Thủ tục " + code, 3L, 1L, 1L, 1L);

    public static Validated<Dossier> Validate(params RawDossier[] rows) =>
        new DossierValidator(KnownUnits, Times, LatestPlausibleUpdate).Validate(rows);
}
