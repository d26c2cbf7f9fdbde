namespace KpiIngest.Core.Source;

/// <summary>src_unit checks: a duplicate unit_id (every copy), level outside 1..3, active_to before active_from.</summary>
public static class UnitValidator
{
    public static Validated<Unit> Validate(IEnumerable<RawUnit> rows, SourceTimeReader times)
    {
        var good = new List<Unit>();
        var bad = new List<QuarantineEntry>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        var checkedRows = new List<(RawUnit Raw, Unit? Unit, RowCheck Check)>();
        var copies = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var raw in rows)
        {
            var check = new RowCheck(times);
            var unitId = check.Text(raw.UnitId, "unit_id", ContractLimits.KeyLength, required: true);
            var parentId = check.Text(raw.ParentId, "parent_id", ContractLimits.KeyLength, required: false);
            var name = check.Text(raw.Name, "name", ContractLimits.UnitNameLength, required: true);
            var level = check.Code(raw.Level, "level", ContractLimits.Levels);
            var from = check.Date(raw.ActiveFrom, "active_from");
            var to = check.Date(raw.ActiveTo, "active_to");
            if (from is not null && to is not null && to < from)
            {
                check.Fail("active_to is before active_from", "active_to", raw.ActiveTo);
            }

            var key = QuarantineEntry.KeyOf(raw.UnitId);
            copies[key] = copies.GetValueOrDefault(key) + 1;
            var unit = check.IsValid ? new Unit(unitId!, parentId, name!, level!.Value, from, to) : null;
            checkedRows.Add((raw, unit, check));
        }

        foreach (var (raw, unit, check) in checkedRows)
        {
            var key = QuarantineEntry.KeyOf(raw.UnitId);
            if (copies[key] > 1)
            {
                check.Fail("duplicate unit_id", "unit_id", raw.UnitId);
            }

            if (check.IsValid)
            {
                good.Add(unit!);
            }
            else if (reported.Add(key))
            {
                bad.Add(new QuarantineEntry(QuarantineEntry.Units, key, check.Reason, check.ValueText));
            }
        }

        return new Validated<Unit>(good, bad);
    }
}
