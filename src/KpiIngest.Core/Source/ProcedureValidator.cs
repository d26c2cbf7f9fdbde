namespace KpiIngest.Core.Source;

/// <summary>
/// src_procedure checks: an unknown unit_id, a duplicate pair (every copy), online_mode outside {0, 2, 3, 4},
/// a flag other than 0/1. A quarantined pair's dossiers then count as uncatalogued.
/// </summary>
public static class ProcedureValidator
{
    public static Validated<CatalogPair> Validate(
        IEnumerable<RawProcedure> rows, IReadOnlySet<string> knownUnitIds, SourceTimeReader times)
    {
        var checkedRows = new List<(RawProcedure Raw, string Key, CatalogPair? Pair, RowCheck Check)>();
        var copies = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var raw in rows)
        {
            var check = new RowCheck(times);
            var unitId = check.Text(raw.UnitId, "unit_id", ContractLimits.KeyLength, required: true);
            var code = check.Text(raw.ProcedureCode, "procedure_code", ContractLimits.KeyLength, required: true);
            var name = check.Text(raw.ProcedureName, "procedure_name", ContractLimits.ProcedureNameLength, required: false);
            var mode = check.Code(raw.OnlineMode, "online_mode", ContractLimits.OnlineModes);
            var hasFee = check.Flag(raw.HasFee, "has_fee");
            var onlinePayment = check.Flag(raw.OnlinePayment, "online_payment");
            var requiresResult = check.Flag(raw.RequiresResult, "requires_result");
            if (unitId is not null && !knownUnitIds.Contains(unitId))
            {
                check.Fail("unit_id is unknown in src_unit", "unit_id", raw.UnitId);
            }

            var key = QuarantineEntry.PairKeyOf(raw.UnitId, raw.ProcedureCode);
            copies[key] = copies.GetValueOrDefault(key) + 1;
            var pair = check.IsValid
                ? new CatalogPair(unitId!, code!, name ?? "", mode!.Value, hasFee, onlinePayment, requiresResult)
                : null;
            checkedRows.Add((raw, key, pair, check));
        }

        var good = new List<CatalogPair>();
        var bad = new List<QuarantineEntry>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (raw, key, pair, check) in checkedRows)
        {
            if (copies[key] > 1)
            {
                check.Fail("duplicate (unit_id, procedure_code) pair", "procedure_code", raw.ProcedureCode);
            }

            if (check.IsValid)
            {
                good.Add(pair!);
            }
            else if (reported.Add(key))
            {
                bad.Add(new QuarantineEntry(QuarantineEntry.Procedures, key, check.Reason, check.ValueText));
            }
        }

        return new Validated<CatalogPair>(good, bad);
    }
}
