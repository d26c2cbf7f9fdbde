using KpiIngest.IntegrationTests.Infrastructure;

namespace KpiIngest.IntegrationTests.Scorecard;

/// <summary>
/// A small province for the scorecard, every figure of which is counted by hand in <see cref="ScorecardProvinceChecks{T}"/>:
/// three units on two levels, a catalog with has_fee / online_mode / requires_result / citizen_subject variety, and
/// dossiers of April 2024 carrying the five optional columns (added to the SQLite source with ALTER TABLE).
/// <code>
/// unit   level  pairs (online_mode, has_fee, online_payment, requires_result, citizen_subject)
/// SO-A   1      P1 (4,1,1,1,1)  P2 (3,0,0,0,0)  P3 (2,1,0,1,1)     P9: a dossier, no catalog row
/// X-B    3      P4 (4,1,1,1,1)  P5 (0,0,0,0,0)
/// X-C    3      P4 (3,0,0,1,1)
///
/// dossier  pair     ch st  received due    resolved fee    paid dig e reuse | sync compl pstore cdata  at S = 30 April
/// A1       SO-A P1  2  10  04-01    04-05  04-04    50000  1    1   1 1     | 1    0     1      1      on time
/// A2       SO-A P1  2  10  04-02    04-06  04-08    50000  2    1   0 0     | 1    1     0      1      overdue (late)
/// A3       SO-A P2  1  9   04-03    -      04-10    -      0    1   0 1     | 0    0     0      0      on time (no due)
/// A4       SO-A P3  1  4   04-10    04-20  -        20000  0    0   0 0     | 1    0     0      0      overdue (open)
/// A5       SO-A P3  2  2   04-29    05-03  -        20000  1    1   0 0     | 1    1     1      null   on time (not due)
/// A6       SO-A P9  1  10  04-15    04-25  04-24    -      0    1   1 0     | null 0     0      0      on time
/// A7       SO-A P1  2  3   04-05 (refused: not received)                    | 1    0     0      1
/// A8       SO-A P1  2  10  03-28 (March: not in April's R)                  | 1    0     1      1
/// B1       X-B P4   2  10  04-05    04-10  04-09    10000  1    1   1 1     | 1    0     0      1      on time
/// B2       X-B P4   2  10  04-06    04-12  04-11    10000  0    1   1 0     | 1    0     1      0      on time
/// B3       X-B P5   1  10  04-07    04-09  04-15    -      0    1   0 0     | 0    1     0      0      overdue (late)
/// B4       X-B P5   1  7   04-08    04-12  -        -      0    0   0 0     | 0    0     0      0      overdue (withdrawn)
/// C1       X-C P4   2  2   04-20    05-10  -        -      0    1   0 1     | 1    0     0      1      on time (not due)
/// C2       X-C P4   1  10  04-21    -      04-25    -      0    0   1 0     | 1    1     0      0      on time (no due)
/// </code>
/// Times: received 08:00, due 17:00, resolved 10:00, local.
/// </summary>
public static class ScorecardProvince
{
    public const string Date = "2024-04-30";

    /// <summary>Scorecard:Entered: four of the five items no dossier carries; PETITION_SATISFACTION stays MISSING.</summary>
    public const string Entered =
        """{ "Scorecard": { "Entered": { "PUBLISH_ON_TIME": 5.5, "PUBLIC_UPDATE_ON_TIME": 4, "PUBLIC_CONTENT_FULL": 2, "PETITION_ON_TIME": 6 } } }""";

    private static readonly (string Unit, string Code, int Mode, int Fee, int OnlinePayment, int Result, int Citizen)[] Pairs =
    [
        ("SO-A", "P1", 4, 1, 1, 1, 1), ("SO-A", "P2", 3, 0, 0, 0, 0), ("SO-A", "P3", 2, 1, 0, 1, 1),
        ("X-B", "P4", 4, 1, 1, 1, 1), ("X-B", "P5", 0, 0, 0, 0, 0), ("X-C", "P4", 3, 0, 0, 1, 1),
    ];

    private static readonly (DossierRow Row, int? Synced, int? Complaint, int? PersonalStorage, int? CitizenData)[] Dossiers =
    [
        (D("A1", "SO-A", "P1", 2, 10, "04-01", "04-05", "04-04", 50000m, 1, 1, 1, 1), 1, 0, 1, 1),
        (D("A2", "SO-A", "P1", 2, 10, "04-02", "04-06", "04-08", 50000m, 2, 1, 0, 0), 1, 1, 0, 1),
        (D("A3", "SO-A", "P2", 1, 9, "04-03", null, "04-10", null, 0, 1, 0, 1), 0, 0, 0, 0),
        (D("A4", "SO-A", "P3", 1, 4, "04-10", "04-20", null, 20000m, 0, 0, 0, 0), 1, 0, 0, 0),
        (D("A5", "SO-A", "P3", 2, 2, "04-29", "05-03", null, 20000m, 1, 1, 0, 0), 1, 1, 1, null),
        (D("A6", "SO-A", "P9", 1, 10, "04-15", "04-25", "04-24", null, 0, 1, 1, 0), null, 0, 0, 0),
        (D("A7", "SO-A", "P1", 2, 3, "04-05", null, null, null, 0, 0, 0, 0), 1, 0, 0, 1),
        (D("A8", "SO-A", "P1", 2, 10, "03-28", "04-02", "04-01", 50000m, 1, 1, 1, 1), 1, 0, 1, 1),
        (D("B1", "X-B", "P4", 2, 10, "04-05", "04-10", "04-09", 10000m, 1, 1, 1, 1), 1, 0, 0, 1),
        (D("B2", "X-B", "P4", 2, 10, "04-06", "04-12", "04-11", 10000m, 0, 1, 1, 0), 1, 0, 1, 0),
        (D("B3", "X-B", "P5", 1, 10, "04-07", "04-09", "04-15", null, 0, 1, 0, 0), 0, 1, 0, 0),
        (D("B4", "X-B", "P5", 1, 7, "04-08", "04-12", null, null, 0, 0, 0, 0), 0, 0, 0, 0),
        (D("C1", "X-C", "P4", 2, 2, "04-20", "05-10", null, null, 0, 1, 0, 1), 1, 0, 0, 1),
        (D("C2", "X-C", "P4", 1, 10, "04-21", null, "04-25", null, 0, 0, 1, 0), 1, 1, 0, 0),
    ];

    /// <summary>Units, catalog and dossiers into the workspace's SQLite source, with the optional columns and their values.</summary>
    public static void Seed(ProvinceWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        workspace.AddUnits(new UnitRow("SO-A", "Sở Công Thương", 1), new UnitRow("X-B", "Xã Bình An", 3), new UnitRow("X-C", "Xã Cát Tiến", 3));
        workspace.AddProcedures([.. Pairs.Select(p => new ProcedureRow(p.Unit, p.Code, p.Mode) { HasFee = p.Fee, OnlinePayment = p.OnlinePayment, RequiresResult = p.Result })]);
        workspace.AddDossiers(Dossiers.Select(d => d.Row));

        workspace.ExecuteSource("ALTER TABLE src_procedure ADD COLUMN citizen_subject INTEGER NULL");
        foreach (var column in new[] { "synced_to_portal", "complaint_or_dislike", "from_personal_storage", "citizen_data_used" })
        {
            workspace.ExecuteSource($"ALTER TABLE src_dossier ADD COLUMN {column} INTEGER NULL");
        }

        foreach (var p in Pairs)
        {
            workspace.ExecuteSource("UPDATE src_procedure SET citizen_subject = $c WHERE unit_id = $u AND procedure_code = $p",
                ("$c", p.Citizen), ("$u", p.Unit), ("$p", p.Code));
        }

        foreach (var (row, synced, complaint, personalStorage, citizenData) in Dossiers)
        {
            workspace.ExecuteSource(
                "UPDATE src_dossier SET synced_to_portal = $s, complaint_or_dislike = $c, from_personal_storage = $p, " +
                "citizen_data_used = $d WHERE dossier_id = $id",
                ("$s", synced), ("$c", complaint), ("$p", personalStorage), ("$d", citizenData), ("$id", row.DossierId));
        }

        workspace.Configure(Entered);
    }

    private static DossierRow D(
        string id, string unit, string procedure, int channel, int status, string received, string? due, string? resolved,
        decimal? fee, int paid, int digitized, int eResult, int reused) => new(id, unit, procedure)
    {
        Channel = channel,
        Status = status,
        ReceivedAt = $"2024-{received} 08:00:00",
        DueAt = due is null ? null : $"2024-{due} 17:00:00",
        ResolvedAt = resolved is null ? null : $"2024-{resolved} 10:00:00",
        FeeAmount = fee,
        PaidOnline = paid,
        Digitized = digitized,
        EResult = eResult,
        ReusedData = reused,
    };
}
