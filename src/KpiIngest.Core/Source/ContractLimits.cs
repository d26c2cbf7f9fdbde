namespace KpiIngest.Core.Source;

/// <summary>Lengths and codes of source-contract.md.</summary>
public static class ContractLimits
{
    public const int KeyLength = 64;
    public const int UnitNameLength = 255;
    public const int ProcedureNameLength = 1000;

    public static IReadOnlyList<int> Levels { get; } = [1, 2, 3];
    public static IReadOnlyList<int> OnlineModes { get; } = [0, 2, 3, 4];
    public static IReadOnlyList<int> Channels { get; } = [1, 2, 3];
    public static IReadOnlyList<int> Statuses { get; } = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    public static IReadOnlyList<int> PaidOnlineCodes { get; } = [0, 1, 2];
}
