namespace KpiIngest.Demo;

/// <summary>What <see cref="SyntheticProvince.Create"/> generates.</summary>
public sealed record SyntheticProvinceOptions
{
    /// <summary>First local date a dossier may be received on.</summary>
    public required DateOnly From { get; init; }

    /// <summary>
    /// Last local date a dossier may be received on. The data stands as of the end of that day
    /// (23:59:59): a live demo that goes on adding dossiers at the current time should end the range yesterday.
    /// </summary>
    public required DateOnly To { get; init; }

    /// <summary>Number of dossiers, bad rows included.</summary>
    public int Dossiers { get; init; } = 60_000;

    /// <summary>Number of units, at least 5: about 10% provincial, 10% districts, 80% communes.</summary>
    public int Units { get; init; } = 80;

    /// <summary>Catalog pairs to spread over the units, at least one per unit; met exactly unless it exceeds what the procedure list can offer.</summary>
    public int CatalogPairs { get; init; } = 1_500;

    /// <summary>The same seed and options give the same file content.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Share of dossiers that break the source contract on purpose, so quarantine has something to show.</summary>
    public double BadRowRate { get; init; } = 0.0005;

    /// <summary>Share of dossiers whose procedure their unit does not offer in the catalog.</summary>
    public double UncataloguedRate { get; init; } = 0.005;
}
