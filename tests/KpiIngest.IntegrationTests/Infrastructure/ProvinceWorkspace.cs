using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Xunit;

namespace KpiIngest.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway province in a temp folder: <c>source.db</c> holding the three contract relations as plain tables,
/// <c>kpi.db</c> for the store, and <c>config.json</c> pointing the CLI at both. Runs the CLI there with
/// <c>--config</c> appended. Set KPI_E2E_KEEP=1 to keep the folder after the test for a look.
/// </summary>
public sealed class ProvinceWorkspace : IDisposable
{
    public const string ProvinceName = "Tỉnh Thử Nghiệm";
    public const string ProvinceCode = "TN";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Every contract column of src_dossier, in contract order, with its SQLite type.</summary>
    private static readonly (string Name, string Type)[] DossierColumns =
    [
        ("dossier_id", "TEXT NOT NULL"),
        ("dossier_code", "TEXT NOT NULL"),
        ("unit_id", "TEXT NOT NULL"),
        ("procedure_code", "TEXT NOT NULL"),
        ("channel", "INTEGER NOT NULL"),
        ("status", "INTEGER NOT NULL"),
        ("received_at", "TEXT NULL"),
        ("due_at", "TEXT NULL"),
        ("resolved_at", "TEXT NULL"),
        ("fee_amount", "NUMERIC NULL"),
        ("paid_online", "INTEGER NOT NULL"),
        ("digitized", "INTEGER NOT NULL"),
        ("e_result", "INTEGER NOT NULL"),
        ("reused_data", "INTEGER NOT NULL"),
        ("updated_at", "TEXT NOT NULL"),
    ];

    private readonly SourceShape _shape;
    private readonly JsonObject _config;

    public ProvinceWorkspace(SourceShape? shape = null)
    {
        _shape = shape ?? SourceShape.Contract;
        Root = Path.Combine(Path.GetTempPath(), "kpi-e2e", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        SourcePath = Path.Combine(Root, "source.db");
        StorePath = Path.Combine(Root, "kpi.db");
        ConfigPath = Path.Combine(Root, "config.json");
        OutboxPath = Path.Combine(Root, "outbox");
        Store = new StoreQueries(StorePath, () => LastRun);

        // "Store" below is the configuration section, not this class's Store property.
#pragma warning disable CA1507
        _config = new JsonObject
        {
            ["Source"] = new JsonObject { ["Provider"] = "Sqlite", ["ConnectionString"] = $"Data Source={SourcePath}" },
            ["Store"] = new JsonObject { ["Provider"] = "Sqlite", ["ConnectionString"] = $"Data Source={StorePath}" },
            ["Province"] = new JsonObject { ["Name"] = ProvinceName, ["Code"] = ProvinceCode },
            ["Email"] = new JsonObject { ["PickupDirectory"] = OutboxPath },
        };
#pragma warning restore CA1507
        WriteConfig();
        CreateSource();
    }

    public string Root { get; }

    public string SourcePath { get; }

    public string StorePath { get; }

    public string ConfigPath { get; }

    public string OutboxPath { get; }

    public StoreQueries Store { get; }

    /// <summary>The latest CLI run in this workspace, quoted when reading the store fails.</summary>
    public CliResult? LastRun { get; private set; }

    /// <summary>Merges <paramref name="overrides"/> into config.json: objects merge key by key, anything else replaces.</summary>
    public void Configure(JsonObject overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        Merge(_config, overrides);
        WriteConfig();
    }

    /// <summary>Same as <see cref="Configure(JsonObject)"/>, from JSON text.</summary>
    public void Configure(string jsonObject) =>
        Configure(JsonNode.Parse(jsonObject)?.AsObject() ?? throw new ArgumentException("Not a JSON object.", nameof(jsonObject)));

    /// <summary>Runs <c>kpi-ingest ARGS --config config.json</c> in <see cref="Root"/>.</summary>
    public Task<CliResult> RunAsync(params string[] arguments) => RunWithoutConfigAsync([.. arguments, "--config", ConfigPath]);

    /// <summary>The same with extra environment variables for the child (the fault-injection hook's, say).</summary>
    public async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        LastRun = await KpiCli.RunAsync(Root, [.. arguments, "--config", ConfigPath], TestContext.Current.CancellationToken, environment);
        return LastRun;
    }

    /// <summary>Starts <c>kpi-ingest ARGS --config config.json</c> in <see cref="Root"/> in the background (the service).</summary>
    public KpiProcess Start(params string[] arguments) => KpiCli.Start(Root, [.. arguments, "--config", ConfigPath]);

    /// <summary>The same with extra environment variables for the child.</summary>
    public KpiProcess Start(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        KpiCli.Start(Root, [.. arguments, "--config", ConfigPath], environment);

    /// <summary>Runs the CLI with exactly these arguments (no <c>--config</c> appended).</summary>
    public async Task<CliResult> RunWithoutConfigAsync(params string[] arguments)
    {
        LastRun = await KpiCli.RunAsync(Root, arguments, TestContext.Current.CancellationToken);
        return LastRun;
    }

    public void AddUnits(params UnitRow[] units)
    {
        ArgumentNullException.ThrowIfNull(units);
        using var connection = OpenSource();
        using var transaction = connection.BeginTransaction();
        foreach (var unit in units)
        {
            Execute(connection, transaction,
                "INSERT INTO src_unit (unit_id, parent_id, name, level, active_from, active_to) " +
                "VALUES ($unit_id, $parent_id, $name, $level, $active_from, $active_to)",
                UnitParameters(unit));
        }

        transaction.Commit();
    }

    public void UpdateUnit(UnitRow unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        using var connection = OpenSource();
        var changed = Execute(connection, null,
            "UPDATE src_unit SET parent_id = $parent_id, name = $name, level = $level, active_from = $active_from, " +
            "active_to = $active_to WHERE unit_id = $unit_id",
            UnitParameters(unit));
        EnsureChanged(changed, "src_unit", unit.UnitId);
    }

    public void AddProcedures(params ProcedureRow[] procedures)
    {
        ArgumentNullException.ThrowIfNull(procedures);
        using var connection = OpenSource();
        using var transaction = connection.BeginTransaction();
        foreach (var procedure in procedures)
        {
            Execute(connection, transaction,
                "INSERT INTO src_procedure (unit_id, procedure_code, procedure_name, online_mode, has_fee, online_payment, " +
                "requires_result) VALUES ($unit_id, $procedure_code, $procedure_name, $online_mode, $has_fee, " +
                "$online_payment, $requires_result)",
                ProcedureParameters(procedure));
        }

        transaction.Commit();
    }

    public void UpdateProcedure(ProcedureRow procedure)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        using var connection = OpenSource();
        var changed = Execute(connection, null,
            "UPDATE src_procedure SET procedure_name = $procedure_name, online_mode = $online_mode, has_fee = $has_fee, " +
            "online_payment = $online_payment, requires_result = $requires_result " +
            "WHERE unit_id = $unit_id AND procedure_code = $procedure_code",
            ProcedureParameters(procedure));
        EnsureChanged(changed, "src_procedure", $"{procedure.UnitId}/{procedure.ProcedureCode}");
    }

    public void AddDossiers(params DossierRow[] dossiers) => AddDossiers((IEnumerable<DossierRow>)dossiers);

    public void AddDossiers(IEnumerable<DossierRow> dossiers)
    {
        ArgumentNullException.ThrowIfNull(dossiers);
        var columns = PresentDossierColumns();
        var sql = $"INSERT INTO src_dossier ({string.Join(", ", columns)}) " +
                  $"VALUES ({string.Join(", ", columns.Select(c => "$" + c))})";
        using var connection = OpenSource();
        using var transaction = connection.BeginTransaction();
        foreach (var dossier in dossiers)
        {
            Execute(connection, transaction, sql, DossierParameters(dossier, columns));
        }

        transaction.Commit();
    }

    /// <summary>Rewrites every column of the dossier(s) with this dossier_id; the caller moves updated_at forward.</summary>
    public void UpdateDossier(DossierRow dossier)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        var columns = PresentDossierColumns().Where(c => c != "dossier_id").ToList();
        var sql = $"UPDATE src_dossier SET {string.Join(", ", columns.Select(c => $"{c} = ${c}"))} " +
                  "WHERE dossier_id = $dossier_id";
        using var connection = OpenSource();
        var changed = Execute(connection, null, sql, DossierParameters(dossier, [.. columns, "dossier_id"]));
        EnsureChanged(changed, "src_dossier", dossier.DossierId);
    }

    public void DeleteDossier(string dossierId)
    {
        using var connection = OpenSource();
        var changed = Execute(connection, null, "DELETE FROM src_dossier WHERE dossier_id = $id", [("$id", dossierId)]);
        EnsureChanged(changed, "src_dossier", dossierId);
    }

    /// <summary>Any other change to the source, e.g. removing one copy of a duplicated key.</summary>
    public int ExecuteSource(string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = OpenSource();
        return Execute(connection, null, sql, parameters);
    }

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("KPI_E2E_KEEP") == "1")
        {
            return;
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A child still holding a file must not turn a passing test red; the OS cleans temp eventually.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void Merge(JsonObject target, JsonObject overrides)
    {
        foreach (var (key, value) in overrides.ToList())
        {
            if (value is JsonObject child && target[key] is JsonObject existing)
            {
                Merge(existing, child);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }

    private static (string, object?)[] UnitParameters(UnitRow unit) =>
    [
        ("$unit_id", unit.UnitId), ("$parent_id", unit.ParentId), ("$name", unit.Name), ("$level", unit.Level),
        ("$active_from", unit.ActiveFrom), ("$active_to", unit.ActiveTo),
    ];

    private static (string, object?)[] ProcedureParameters(ProcedureRow procedure) =>
    [
        ("$unit_id", procedure.UnitId), ("$procedure_code", procedure.ProcedureCode),
        ("$procedure_name", procedure.ProcedureName ?? $"Thủ tục {procedure.ProcedureCode}"),
        ("$online_mode", procedure.OnlineMode), ("$has_fee", procedure.HasFee),
        ("$online_payment", procedure.OnlinePayment), ("$requires_result", procedure.RequiresResult),
    ];

    private static (string, object?)[] DossierParameters(DossierRow d, IReadOnlyCollection<string> columns)
    {
        var all = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["dossier_id"] = d.DossierId,
            ["dossier_code"] = d.DossierCode ?? DefaultCode(d.DossierId),
            ["unit_id"] = d.UnitId,
            ["procedure_code"] = d.ProcedureCode,
            ["channel"] = d.Channel,
            ["status"] = d.Status,
            ["received_at"] = d.ReceivedAt,
            ["due_at"] = d.DueAt,
            ["resolved_at"] = d.ResolvedAt,

            // Invariant text, so NUMERIC affinity stores it as an exact INTEGER or REAL, the way a view would show it.
            ["fee_amount"] = d.FeeAmount?.ToString(CultureInfo.InvariantCulture),
            ["paid_online"] = d.PaidOnline,
            ["digitized"] = d.Digitized,
            ["e_result"] = d.EResult,
            ["reused_data"] = d.ReusedData,
            ["updated_at"] = d.UpdatedAt,
        };
        return columns.Select(c => ("$" + c, all[c])).ToArray();
    }

    private static string DefaultCode(string dossierId)
    {
        var code = "HS-" + dossierId;
        return code.Length <= 64 ? code : code[..64];
    }

    private static int Execute(
        SqliteConnection connection, SqliteTransaction? transaction, string sql, IEnumerable<(string Name, object? Value)> parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command.ExecuteNonQuery();
    }

    private static void EnsureChanged(int rows, string relation, string key)
    {
        if (rows == 0)
        {
            throw new InvalidOperationException($"Test setup: no row of {relation} has the key {key}.");
        }
    }

    private List<string> PresentDossierColumns() =>
        DossierColumns.Select(c => c.Name).Where(c => !_shape.MissingDossierColumns.Contains(c)).ToList();

    private SqliteConnection OpenSource()
    {
        var connection = new SqliteConnection($"Data Source={SourcePath};Pooling=False");
        connection.Open();
        return connection;
    }

    private void CreateSource()
    {
        var ddl = new StringBuilder();
        if (!_shape.MissingRelations.Contains("src_unit"))
        {
            ddl.AppendLine(
                """
                CREATE TABLE src_unit (
                    unit_id     TEXT    NOT NULL PRIMARY KEY,
                    parent_id   TEXT    NULL,
                    name        TEXT    NOT NULL,
                    level       INTEGER NOT NULL,
                    active_from TEXT    NULL,
                    active_to   TEXT    NULL);
                """);
        }

        if (!_shape.MissingRelations.Contains("src_procedure"))
        {
            ddl.AppendLine(
                """
                CREATE TABLE src_procedure (
                    unit_id         TEXT    NOT NULL,
                    procedure_code  TEXT    NOT NULL,
                    procedure_name  TEXT    NOT NULL,
                    online_mode     INTEGER NOT NULL,
                    has_fee         INTEGER NOT NULL,
                    online_payment  INTEGER NOT NULL,
                    requires_result INTEGER NOT NULL,
                    PRIMARY KEY (unit_id, procedure_code));
                """);
        }

        if (!_shape.MissingRelations.Contains("src_dossier"))
        {
            var columns = DossierColumns
                .Where(c => !_shape.MissingDossierColumns.Contains(c.Name))
                .Select(c => c.Name == "dossier_id" && _shape.DossierIdIsPrimaryKey
                    ? $"    {c.Name} {c.Type} PRIMARY KEY"
                    : $"    {c.Name} {c.Type}");
            ddl.AppendLine(CultureInfo.InvariantCulture, $"CREATE TABLE src_dossier (\n{string.Join(",\n", columns)});");
            if (!_shape.MissingDossierColumns.Contains("updated_at"))
            {
                ddl.AppendLine("CREATE INDEX ix_src_dossier_updated_at ON src_dossier (updated_at);");
            }
        }

        using var connection = OpenSource();
        using var command = connection.CreateCommand();
        command.CommandText = ddl.ToString();
        command.ExecuteNonQuery();
    }

    private void WriteConfig() =>
        File.WriteAllText(ConfigPath, _config.ToJsonString(Indented), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
}
