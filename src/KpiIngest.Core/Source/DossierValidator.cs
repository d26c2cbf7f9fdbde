namespace KpiIngest.Core.Source;

/// <summary>
/// src_dossier checks of source-contract.md ("Bad rows"), applied to one result set: every copy of a
/// dossier_id met twice in it is quarantined until the source is fixed.
/// </summary>
public sealed class DossierValidator(IReadOnlySet<string> knownUnitIds, SourceTimeReader times, DateTime latestPlausibleUpdate)
{
    public Validated<Dossier> Validate(IReadOnlyList<RawDossier> resultSet)
    {
        var rows = new ResultSet<Dossier>(SourceContract.Dossiers, "duplicate dossier_id in one result set", "dossier_id", resultSet.Count);
        foreach (var raw in resultSet)
        {
            var check = new RowCheck(times);
            rows.Add(QuarantineEntry.KeyOf(raw.DossierId), raw.DossierId, Check(raw, check), check);
        }

        return rows.Result();
    }

    private Dossier? Check(RawDossier raw, RowCheck check)
    {
        var id = check.Key(raw.DossierId, "dossier_id");
        var code = check.Text(raw.DossierCode, "dossier_code", ContractLimits.KeyLength, required: false);
        var unitId = check.Key(raw.UnitId, "unit_id");
        var procedure = check.Key(raw.ProcedureCode, "procedure_code");
        var channel = check.Code(raw.Channel, "channel", ContractLimits.Channels);
        var status = check.Code(raw.Status, "status", ContractLimits.Statuses);
        var receivedAt = check.Timestamp(raw.ReceivedAt, "received_at");
        var dueAt = check.Timestamp(raw.DueAt, "due_at");
        var resolvedAt = check.Timestamp(raw.ResolvedAt, "resolved_at");
        var fee = check.Amount(raw.FeeAmount, "fee_amount");
        var paidOnline = check.Code(raw.PaidOnline, "paid_online", ContractLimits.PaidOnlineCodes);
        var digitized = check.Flag(raw.Digitized, "digitized");
        var eResult = check.Flag(raw.EResult, "e_result");
        var reused = check.Flag(raw.ReusedData, "reused_data");
        var updatedAt = check.Timestamp(raw.UpdatedAt, "updated_at");
        var synced = check.OptionalFlag(raw.SyncedToPortal, "synced_to_portal");
        var complaint = check.OptionalFlag(raw.ComplaintOrDislike, "complaint_or_dislike");
        var personalStorage = check.OptionalFlag(raw.FromPersonalStorage, "from_personal_storage");
        var citizenData = check.OptionalFlag(raw.CitizenDataUsed, "citizen_data_used");

        if (unitId is not null && !knownUnitIds.Contains(unitId))
        {
            check.Fail("unit_id is unknown in src_unit", "unit_id", raw.UnitId);
        }

        if (status is { } s && Dossier.IsReceivedStatus(s) && raw.ReceivedAt is null)
        {
            check.Fail("received status without received_at", "status", raw.Status);
        }

        if (status is { } r && Dossier.IsResolvedStatus(r) && raw.ResolvedAt is null)
        {
            check.Fail("resolved status without resolved_at", "status", raw.Status);
        }

        if (receivedAt is not null && resolvedAt is not null && resolvedAt < receivedAt)
        {
            check.Fail("resolved_at is earlier than received_at", "resolved_at", raw.ResolvedAt);
        }

        if (receivedAt is not null && dueAt is not null && dueAt < receivedAt)
        {
            check.Fail("due_at is earlier than received_at", "due_at", raw.DueAt);
        }

        if (raw.UpdatedAt is null)
        {
            check.Fail("updated_at is missing", "updated_at", raw.UpdatedAt);
        }
        else if (updatedAt > latestPlausibleUpdate)
        {
            // A far-future updated_at would drag the watermark past every real change.
            check.Fail("updated_at is in the future", "updated_at", raw.UpdatedAt);
        }

        return check.IsValid
            ? new Dossier(id!, code, unitId!, procedure!, channel!.Value, status!.Value, receivedAt, dueAt, resolvedAt,
                fee, paidOnline!.Value, digitized, eResult, reused, updatedAt!.Value,
                synced, complaint, personalStorage, citizenData)
            : null;
    }
}
