namespace KpiIngest.Core.Source;

/// <summary>
/// src_procedure checks: an unknown unit_id, a duplicate pair (every copy), a unit_id or procedure_code starting or
/// ending with whitespace, online_mode outside {0, 2, 3, 4}, a flag other than 0/1 (the optional citizen_subject too; null there counts as 0). A quarantined pair's dossiers then count as uncatalogued.
/// </summary>
public static class ProcedureValidator
{
    public static Validated<CatalogPair> Validate(
        IEnumerable<RawProcedure> rows, IReadOnlySet<string> knownUnitIds, SourceTimeReader times)
    {
        var resultSet = new ResultSet<CatalogPair>(SourceContract.Procedures, "duplicate (unit_id, procedure_code) pair", "procedure_code");
        foreach (var raw in rows)
        {
            var check = new RowCheck(times);
            var unitId = check.Key(raw.UnitId, "unit_id");
            var code = check.Key(raw.ProcedureCode, "procedure_code");
            var name = check.Text(raw.ProcedureName, "procedure_name", ContractLimits.ProcedureNameLength, required: false);
            var mode = check.Code(raw.OnlineMode, "online_mode", ContractLimits.OnlineModes);
            var hasFee = check.Flag(raw.HasFee, "has_fee");
            var onlinePayment = check.Flag(raw.OnlinePayment, "online_payment");
            var requiresResult = check.Flag(raw.RequiresResult, "requires_result");
            var citizenSubject = check.OptionalFlag(raw.CitizenSubject, "citizen_subject");
            if (unitId is not null && !knownUnitIds.Contains(unitId))
            {
                check.Fail("unit_id is unknown in src_unit", "unit_id", raw.UnitId);
            }

            var pair = check.IsValid
                ? new CatalogPair(unitId!, code!, name ?? "", mode!.Value, hasFee, onlinePayment, requiresResult, citizenSubject)
                : null;
            resultSet.Add(QuarantineEntry.PairKeyOf(raw.UnitId, raw.ProcedureCode), raw.ProcedureCode, pair, check);
        }

        return resultSet.Result();
    }
}
