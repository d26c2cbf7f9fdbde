using Microsoft.Data.Sqlite;

namespace KpiIngest.Demo;

/// <summary>What the generator needs to know of a procedure: time limit, fee, how online it can be.</summary>
internal sealed record ProcedureModel(string Code, int Days, long Fee, int DefaultMode, double Popularity);

/// <summary>One catalog pair, as dm_don_vi_thu_tuc holds it.</summary>
internal sealed record PairModel(ProcedureModel Procedure, int OnlineMode, bool HasFee, bool OnlinePayment, bool RequiresResult);

/// <summary>
/// How well a unit does: the probabilities behind its dossiers' flags, and its share of the volume.
/// Derived from the unit id alone, so the simulator rebuilds the same profile from the file that the
/// generator used, without a table no real iGate has.
/// </summary>
internal readonly record struct UnitProfile(
    double Online,
    double Pay,
    double Digitized,
    double EResult,
    double Reuse,
    double OnTime,
    double Volume)
{
    public static UnitProfile For(string unitId, int level)
    {
        var random = new Random(StableHash(unitId));
        // One "quality" per unit drives every rate, each with its own noise: weak units are weak on most
        // indicators (as in real reports), and a spread around the targets of indicators.md guarantees
        // that a report shows both hits and misses.
        var quality = random.NextDouble();
        double Around(double spread) => Math.Clamp(quality + ((random.NextDouble() - 0.5) * spread), 0, 1);
        return new(
            Online: 0.30 + (0.68 * Around(0.5)),
            Pay: 0.25 + (0.70 * Around(0.6)),
            Digitized: 0.55 + (0.45 * Around(0.5)),
            EResult: Around(0.4) > 0.8 ? 1.0 : 0.82 + (0.17 * Around(0.4)),
            Reuse: 0.15 + (0.70 * Around(0.6)),
            OnTime: 0.78 + (0.22 * Around(0.5)),
            Volume: level switch { 1 => 3.0, 2 => 4.0, _ => 1.0 } * (0.4 + (1.2 * random.NextDouble())));
    }

    /// <summary>FNV-1a: string.GetHashCode is randomised per process and would break determinism.</summary>
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)hash;
    }
}

internal sealed class UnitModel
{
    private readonly PairModel[] _pairs;
    private readonly double[] _cumulative;
    private readonly HashSet<string> _codes;

    public UnitModel(int index, string id, int level, DateOnly? activeFrom, DateOnly? activeTo, IEnumerable<PairModel> pairs)
    {
        Index = index;
        Id = id;
        Level = level;
        ActiveFrom = activeFrom;
        ActiveTo = activeTo;
        Profile = UnitProfile.For(id, level);
        _pairs = [.. pairs];
        _cumulative = Weighted.Cumulative(_pairs, static p => p.Procedure.Popularity);
        _codes = new HashSet<string>(_pairs.Select(p => p.Procedure.Code), StringComparer.Ordinal);
    }

    public int Index { get; }

    public string Id { get; }

    public int Level { get; }

    public DateOnly? ActiveFrom { get; }

    public DateOnly? ActiveTo { get; }

    public UnitProfile Profile { get; }

    public IReadOnlyList<PairModel> Pairs => _pairs;

    public bool IsActiveOn(DateOnly day) =>
        (ActiveFrom is not { } from || day >= from) && (ActiveTo is not { } to || day <= to);

    public bool Offers(string procedureCode) => _codes.Contains(procedureCode);

    public PairModel? FindPair(string procedureCode) => Array.Find(_pairs, p => p.Procedure.Code == procedureCode);

    public PairModel PickPair(Random random) => _pairs[Weighted.Pick(_cumulative, _cumulative.Length, random)];
}

/// <summary>The province as the generator and the simulator see it: units with their catalog pairs.</summary>
internal sealed class ProvinceModel(IReadOnlyList<UnitModel> units, IReadOnlyList<ProcedureModel> procedures)
{
    public IReadOnlyList<UnitModel> Units { get; } = units;

    public IReadOnlyList<ProcedureModel> Procedures { get; } = procedures;

    /// <summary>Reads the model back from a synthetic source file, for the simulator.</summary>
    public static ProvinceModel Load(SqliteConnection connection)
    {
        var procedures = new Dictionary<string, ProcedureModel>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT ma_tthc, so_ngay_giai_quyet, muc_le_phi FROM dm_thu_tuc ORDER BY ma_tthc";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var code = reader.GetString(0);
                procedures[code] = new ProcedureModel(code, reader.GetInt32(1), reader.GetInt64(2), 4, ProcedureCatalog.PopularityOf(code));
            }
        }

        var pairsByUnit = new Dictionary<string, List<PairModel>>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT ma_don_vi, ma_tthc, muc_do, co_phi, thanh_toan_truc_tuyen, co_ket_qua
                FROM dm_don_vi_thu_tuc
                ORDER BY ma_don_vi, ma_tthc
                """;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var code = reader.GetString(1);
                var procedure = procedures.TryGetValue(code, out var known) ? known : new ProcedureModel(code, 5, 0, 4, 0.1);
                var pair = new PairModel(procedure, reader.GetInt32(2), reader.GetInt32(3) == 1, reader.GetInt32(4) == 1, reader.GetInt32(5) == 1);
                if (!pairsByUnit.TryGetValue(reader.GetString(0), out var list))
                {
                    pairsByUnit[reader.GetString(0)] = list = [];
                }

                list.Add(pair);
            }
        }

        var units = new List<UnitModel>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT ma_don_vi, cap, hieu_luc_tu, hieu_luc_den FROM dm_don_vi ORDER BY ma_don_vi";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var id = reader.GetString(0);
                units.Add(new UnitModel(
                    units.Count,
                    id,
                    reader.GetInt32(1),
                    reader.IsDBNull(2) ? null : SourceText.ParseDate(reader.GetString(2)),
                    reader.IsDBNull(3) ? null : SourceText.ParseDate(reader.GetString(3)),
                    pairsByUnit.TryGetValue(id, out var pairs) ? pairs : []));
            }
        }

        return new ProvinceModel(units, [.. procedures.Values]);
    }

    /// <summary>Units that may receive a dossier on <paramref name="day"/>, weighted by volume.</summary>
    public UnitSampler ActiveOn(DateOnly day)
    {
        var active = Units.Where(u => u.IsActiveOn(day) && u.Pairs.Count > 0).ToArray();
        return new UnitSampler(active, Weighted.Cumulative(active, static u => u.Profile.Volume));
    }
}

internal sealed class UnitSampler(UnitModel[] units, double[] cumulative)
{
    public bool IsEmpty => units.Length == 0;

    public UnitModel Pick(Random random) => units[Weighted.Pick(cumulative, cumulative.Length, random)];
}

internal static class Weighted
{
    public static double[] Cumulative<T>(IReadOnlyList<T> items, Func<T, double> weight)
    {
        var cumulative = new double[items.Count];
        var total = 0.0;
        for (var i = 0; i < items.Count; i++)
        {
            total += weight(items[i]);
            cumulative[i] = total;
        }

        return cumulative;
    }

    public static int Pick(double[] cumulative, int count, Random random)
    {
        var target = random.NextDouble() * cumulative[count - 1];
        var index = Array.BinarySearch(cumulative, 0, count, target);
        index = index < 0 ? ~index : index + 1;
        return Math.Min(index, count - 1);
    }
}
