using System.Globalization;

namespace KpiIngest.Bench;

/// <summary>What to measure: the province sizes, the store engine, where the files go.</summary>
public sealed record BenchOptions(
    IReadOnlyList<int> Sizes, int Units, int Pairs, string Store, string? StoreConnection, string? JsonFile, string WorkFolder)
{
    public static BenchOptions Parse(string[] args)
    {
        IReadOnlyList<int> sizes = [1_000_000];
        var units = 200;
        var pairs = 5_000;
        var store = "sqlite";
        var storeConnection = Environment.GetEnvironmentVariable("KPIINGEST_BENCH_POSTGRESQL");
        string? json = null;
        var work = Path.Combine(Path.GetTempPath(), "kpi-bench");
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--dossiers": sizes = [.. value.Split(',').Select(size => Number(args[i], size))]; break;
                case "--units": units = Number(args[i], value); break;
                case "--pairs": pairs = Number(args[i], value); break;
                case "--store": store = value; break;
                case "--store-connection": storeConnection = value; break;
                case "--json": json = Path.GetFullPath(value); break;
                case "--work": work = Path.GetFullPath(value); break;
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

        if (sizes.Any(size => size < 1_000) || units < 5 || pairs < units)
        {
            throw new ArgumentException("--dossiers must be at least 1000, --units at least 5, --pairs at least --units.");
        }

        return new BenchOptions(sizes, units, pairs, store, storeConnection, json, work);
    }

    private static int Number(string name, string value) =>
        int.TryParse(value.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ArgumentException($"{name} '{value}' is not a whole number.");
}
