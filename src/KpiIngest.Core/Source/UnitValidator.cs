namespace KpiIngest.Core.Source;

/// <summary>
/// src_unit checks: a duplicate unit_id (every copy), a unit_id starting or ending with whitespace, level outside
/// 1..3, active_to before active_from.
/// </summary>
public static class UnitValidator
{
    public static Validated<Unit> Validate(IEnumerable<RawUnit> rows, SourceTimeReader times)
    {
        var resultSet = new ResultSet<Unit>(SourceContract.Units, "duplicate unit_id", "unit_id");
        foreach (var raw in rows)
        {
            var check = new RowCheck(times);
            var unitId = check.Key(raw.UnitId, "unit_id");
            var parentId = check.Text(raw.ParentId, "parent_id", ContractLimits.KeyLength, required: false);
            var name = check.Text(raw.Name, "name", ContractLimits.UnitNameLength, required: true);
            var level = check.Code(raw.Level, "level", ContractLimits.Levels);
            var from = check.Date(raw.ActiveFrom, "active_from");
            var to = check.Date(raw.ActiveTo, "active_to");
            if (from is not null && to is not null && to < from)
            {
                check.Fail("active_to is before active_from", "active_to", raw.ActiveTo);
            }

            var unit = check.IsValid ? new Unit(unitId!, parentId, name!, level!.Value, from, to) : null;
            resultSet.Add(QuarantineEntry.KeyOf(raw.UnitId), raw.UnitId, unit, check);
        }

        return resultSet.Result();
    }
}
