using System.Globalization;
using KpiIngest.Data.Store;
using KpiIngest.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Providers;

/// <summary>
/// A DBA's audit trigger on every store table must not break a run. SQL Server refuses an OUTPUT clause without INTO on
/// a table with an enabled trigger (error 334), which is how the run, pair, alert and digest ids used to come back.
/// </summary>
public abstract class StoreTriggerTests(DatabaseServer server)
{
    private const string Date = "2024-04-30";

    /// <summary>The audit log table and whatever the engine needs before triggers can write to it.</summary>
    protected abstract IReadOnlyList<string> AuditLogSql { get; }

    /// <summary>A statement-level trigger on kpi.<paramref name="table"/> that writes a row to the audit log.</summary>
    protected abstract string AuditTriggerSql(string table);

    [Fact]
    public async Task Once_AuditTriggerOnEveryStoreTable_RunRecordsAlertsAndDigestsAndClaimsQueueOnce()
    {
        using var workspace = new ProvinceWorkspace().UseServerStore(server);
        workspace.AddUnits(new UnitRow("SO-TP", "Sở Tư pháp", 1));
        workspace.AddProcedures(new ProcedureRow("SO-TP", "P1", 4) { HasFee = 1, OnlinePayment = 1 });
        workspace.AddDossiers(
            new DossierRow("R1", "SO-TP", "P1") { Channel = 2, ReceivedAt = "2024-04-11 08:00:00" },
            new DossierRow("R2", "SO-TP", "P1") { ReceivedAt = "2024-04-10 08:00:00", FeeAmount = 10000m },
            new DossierRow("R3", "SO-TP", "P1") { ReceivedAt = "2024-04-12 08:00:00" },
            new DossierRow("R4", "SO-TP", "NO-PAIR") { Channel = 9 });
        workspace.Configure("""{ "Alerts": { "MinDenominator": 1 } }""");
        (await workspace.RunAsync("migrate")).ShouldSucceed();
        var database = workspace.ServerStoreDatabase!;
        List<string> tables;
        using (var connection = database.OpenAdmin())
        {
            tables = ServerEngine.Strings(connection,
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'kpi' AND table_type = 'BASE TABLE' ORDER BY table_name");
        }

        tables.ShouldContain("kpi_run");
        foreach (var statement in AuditLogSql.Concat(tables.Select(AuditTriggerSql)))
        {
            database.ExecuteScript(statement);
        }

        // A run: its kpi_run row, daily pairs (kpi_pair ids), a quarantined dossier (R4, channel 9) and alerts (one
        // online dossier in three is under every built-in target).
        var result = (await workspace.RunAsync("once", "--date", Date)).ShouldSucceed();

        var run = workspace.Store.LatestRun();
        run.Status.ShouldBe("SUCCEEDED", result.Describe());
        workspace.Store.CountOrZero("kpi_pair").ShouldBeGreaterThan(0);
        workspace.Store.CountOrZero("kpi_alert").ShouldBeGreaterThan(0);
        workspace.Store.ActiveQuarantine().Select(q => q.RecordKey).ShouldBe(["R4"]);

        // What only the service does: queue a digest, claim a job's firing, take the runs lease.
        using var store = StoreSession.OpenMigrated(StoreDatabase.For(server.Engine.Provider, database.AdminConnectionString, "kpi"), TimeProvider.System);
        var now = DateTimeOffset.UtcNow;
        var digest = new OutboxMessage { RunId = long.Parse(run.RunId, CultureInfo.InvariantCulture), Recipient = "kpi@example.org", MessageId = "<d1@kpi>", Subject = "s", BodyHtml = "h", BodyText = "t" };
        using (var transaction = store.BeginWrite())
        {
            store.Outbox.Enqueue(digest, [], now).ShouldNotBeNull();
            store.Outbox.Enqueue(digest, [], now).ShouldBeNull("the same Message-ID is queued once");
            transaction.Commit();
        }

        store.JobClaims.TryClaim("poll", now, "host-1", now).ShouldBeTrue();
        store.JobClaims.TryClaim("poll", now, "host-2", now).ShouldBeFalse();
        store.Leases.TryAcquire(LeaseStore.Runs, "host-1", "poll", now, TimeSpan.FromMinutes(5)).ShouldBeNull();
        store.Leases.TryAcquire(LeaseStore.Runs, "host-2", "poll", now, TimeSpan.FromMinutes(5)).ShouldNotBeNull().Holder.ShouldBe("host-1");

        // The triggers did fire on each table whose statement used to return ids through a bare OUTPUT, or counts rows.
        using var audit = database.OpenAdmin();
        var audited = ServerEngine.Strings(audit, "SELECT DISTINCT table_name FROM audit_log");
        foreach (var table in new[] { "kpi_alert", "kpi_job_claim", "kpi_lease", "kpi_outbox", "kpi_pair", "kpi_quarantine", "kpi_run" })
        {
            audited.ShouldContain(table);
        }
    }
}

public sealed class PostgreSqlStoreTriggerTests(PostgreSqlServer server) : StoreTriggerTests(server)
{
    protected override IReadOnlyList<string> AuditLogSql =>
    [
        "CREATE TABLE public.audit_log (table_name text NOT NULL, at timestamptz NOT NULL DEFAULT now())",
        "CREATE FUNCTION public.audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " +
        "INSERT INTO public.audit_log (table_name) VALUES (TG_TABLE_NAME); RETURN NULL; END $$",
    ];

    protected override string AuditTriggerSql(string table) =>
        $"CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON kpi.\"{table}\" FOR EACH STATEMENT EXECUTE FUNCTION public.audit()";
}

public sealed class SqlServerStoreTriggerTests(SqlServerInstance server) : StoreTriggerTests(server)
{
    protected override IReadOnlyList<string> AuditLogSql =>
        ["CREATE TABLE dbo.audit_log (table_name sysname NOT NULL, at datetime2 NOT NULL DEFAULT SYSUTCDATETIME())"];

    // SET NOCOUNT ON, as an audit trigger should: its own row counts would otherwise add to the statement's.
    protected override string AuditTriggerSql(string table) =>
        $"CREATE TRIGGER kpi.[audit_{table}] ON kpi.[{table}] AFTER INSERT, UPDATE, DELETE AS BEGIN SET NOCOUNT ON; " +
        $"INSERT INTO dbo.audit_log (table_name) VALUES (N'{table}'); END";
}
