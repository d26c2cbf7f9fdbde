using System.Globalization;

namespace KpiIngest.Bench;

/// <summary>What to measure: the province size, the store engine, where the files go, and whether only the ingest.</summary>
public sealed record BenchOptions(
    int Dossiers, int Units, int Pairs, string Store, string? StoreConnection, string? JsonFile, string WorkFolder, bool IngestOnly = false)
{
    /// <summary>The smaller size at which the poll is measured too, so its cost can be compared: 100k, or 10% below that.</summary>
    public int SmallSize => Dossiers >= 100_000 ? 100_000 : Math.Max(1_000, Dossiers / 10);

    public static BenchOptions Parse(string[] args)
    {
        var dossiers = 1_000_000;
        var units = 200;
        var pairs = 5_000;
        var store = "sqlite";
        var storeConnection = Environment.GetEnvironmentVariable("KPIINGEST_BENCH_POSTGRESQL");
        string? json = null;
        var work = Path.Combine(Path.GetTempPath(), "kpi-bench");
        var ingestOnly = false;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--dossiers": dossiers = Number(args[i], value); break;
                case "--units": units = Number(args[i], value); break;
                case "--pairs": pairs = Number(args[i], value); break;
                case "--store": store = value; break;
                case "--store-connection": storeConnection = value; break;
                case "--json": json = Path.GetFullPath(value); break;
                case "--work": work = Path.GetFullPath(value); break;
                case "--only": ingestOnly = value == "ingest" ? true : throw new ArgumentException($"--only {value}: only 'ingest' can be measured alone."); break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }

            i++;
        }

        if (store is not ("sqlite" or "postgresql"))
        {
            throw new ArgumentException($"--store {store}: sqlite or postgresql.");
        }

        if (store == "postgresql" && string.IsNullOrWhiteSpace(storeConnection))
        {
            throw new ArgumentException(
                "--store postgresql needs --store-connection (or KPIINGEST_BENCH_POSTGRESQL): a PostgreSQL login that may create databases.");
        }

        if (dossiers < 1_000 || units < 5 || pairs < units)
        {
            throw new ArgumentException("--dossiers must be at least 1000, --units at least 5, --pairs at least --units.");
        }

        return new BenchOptions(dossiers, units, pairs, store, storeConnection, json, work, ingestOnly);
    }

    private static int Number(string name, string value) =>
        int.TryParse(value.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ArgumentException($"{name} '{value}' is not a whole number.");
}
