namespace KpiIngest.Demo;

/// <summary>
/// What one <see cref="SourceSimulator.Step"/> did. <see cref="UpdatedAt"/> is the updated_at every
/// touched row got; <see cref="Changed"/> is below the request when fewer open dossiers were left.
/// </summary>
public sealed record SimulationStep(DateTime UpdatedAt, int Added, int Changed);
