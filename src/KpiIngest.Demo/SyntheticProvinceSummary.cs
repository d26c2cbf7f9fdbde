namespace KpiIngest.Demo;

/// <summary>
/// What <see cref="SyntheticProvince.Create"/> wrote. <see cref="BadRows"/> is the sum of the three
/// kinds of deliberately bad dossiers; <see cref="Uncatalogued"/> counts good dossiers only.
/// </summary>
public sealed record SyntheticProvinceSummary(
    string ProvinceName,
    int Units,
    int Procedures,
    int CatalogPairs,
    int Dossiers,
    int FeeLines,
    int BadRows,
    int UnknownUnitRows,
    int ResolvedBeforeReceivedRows,
    int ResolvedWithoutDateRows,
    int Uncatalogued);
