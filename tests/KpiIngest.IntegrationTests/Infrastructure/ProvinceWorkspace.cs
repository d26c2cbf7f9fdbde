using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KpiIngest.Data;
using Xunit;

namespace KpiIngest.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway province in a temp folder: a source holding the three contract relations (by default <c>source.db</c>,
/// plain SQLite tables; or any <see cref="ISourceDatabase"/>, e.g. a PostgreSQL database), <c>kpi.db</c> for the
/// store, and <c>config.json</c> pointing the CLI at both. Runs the CLI there with <c>--config</c> appended. Set
/// KPI_E2E_KEEP=1 to keep the folder after the test for a look.
/// </summary>
public sealed class ProvinceWorkspace : IDisposable
{
    public const string ProvinceName = "Tỉnh Thử Nghiệm";
    public const string ProvinceCode = "TN";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly JsonObject _config;

    /// <summary>A workspace whose source is <c>source.db</c> in its folder, shaped by <paramref name="shape"/>.</summary>
    public ProvinceWorkspace(SourceShape? shape = null)
        : this(root => new SqliteSource(Path.Combine(root, "source.db"), shape))
    {
    }

    /// <summary>A workspace reading the source <paramref name="createSource"/> makes (given the workspace folder); it owns it.</summary>
    public ProvinceWorkspace(Func<string, ISourceDatabase> createSource)
    {
        ArgumentNullException.ThrowIfNull(createSource);
        Root = Path.Combine(Path.GetTempPath(), "kpi-e2e", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        StorePath = Path.Combine(Root, "kpi.db");
        ConfigPath = Path.Combine(Root, "config.json");
        OutboxPath = Path.Combine(Root, "outbox");
        Store = new StoreQueries(StorePath, () => LastRun);
        try
        {
            Source = createSource(Root);
        }
        catch
        {
            Directory.Delete(Root, recursive: true);
            throw;
        }

        var source = new JsonObject { ["Provider"] = Source.Provider.ToString(), ["ConnectionString"] = Source.ConnectionString };
        if (Source.Schema is not null)
        {
            source["Schema"] = Source.Schema;
        }

        // "Store" below is the configuration section, not this class's Store property.
#pragma warning disable CA1507
        _config = new JsonObject
        {
            ["Source"] = source,
            ["Store"] = new JsonObject { ["Provider"] = nameof(DbEngine.Sqlite), ["ConnectionString"] = $"Data Source={StorePath}" },
            ["Province"] = new JsonObject { ["Name"] = ProvinceName, ["Code"] = ProvinceCode },
            ["Email"] = new JsonObject { ["PickupDirectory"] = OutboxPath },
        };
#pragma warning restore CA1507
        WriteConfig();
    }

    public string Root { get; }

    public ISourceDatabase Source { get; }

    /// <summary>The source file, for tests that move it away or open it themselves; only a SQLite source has one.</summary>
    public string SourcePath => Source is SqliteSource sqlite
        ? sqlite.Path
        : throw new InvalidOperationException($"This workspace reads a {Source.Provider} source, which is no file.");

    public string StorePath { get; }

    public string ConfigPath { get; }

    public string OutboxPath { get; }

    public StoreQueries Store { get; private set; }

    /// <summary>The server database holding the store, when <see cref="UseServerStore"/> moved it off SQLite.</summary>
    public TestDatabase? ServerStoreDatabase { get; private set; }

    /// <summary>The latest CLI run in this workspace, quoted when reading the store fails.</summary>
    public CliResult? LastRun { get; private set; }

    /// <summary>
    /// Puts the store in a fresh database on <paramref name="server"/> (Store:Provider, Store:ConnectionString,
    /// Store:Schema), connected as its owner; <see cref="Store"/> then reads it there. Skips the test when the server
    /// is unavailable.
    /// </summary>
    public ProvinceWorkspace UseServerStore(DatabaseServer server, string schema = "kpi")
    {
        ArgumentNullException.ThrowIfNull(server);
        var database = server.CreateDatabase();
        ServerStoreDatabase = database;
        Store = new StoreQueries(new ServerStore(database, schema), () => LastRun);
#pragma warning disable CA1507 // "Store" is the configuration section.
        Configure(new JsonObject
        {
            ["Store"] = new JsonObject
            {
                ["Provider"] = server.Engine.Provider.ToString(),
                ["ConnectionString"] = database.AdminConnectionString,
                ["Schema"] = schema,
            },
        });
#pragma warning restore CA1507
        return this;
    }

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

    public void AddUnits(params UnitRow[] units) => Source.AddUnits(units);

    public void UpdateUnit(UnitRow unit) => Source.UpdateUnit(unit);

    public void AddProcedures(params ProcedureRow[] procedures) => Source.AddProcedures(procedures);

    public void UpdateProcedure(ProcedureRow procedure) => Source.UpdateProcedure(procedure);

    public void AddDossiers(params DossierRow[] dossiers) => Source.AddDossiers(dossiers);

    public void AddDossiers(IEnumerable<DossierRow> dossiers) => Source.AddDossiers(dossiers);

    /// <summary>Rewrites every column of the dossier(s) with this dossier_id; the caller moves updated_at forward.</summary>
    public void UpdateDossier(DossierRow dossier) => Source.UpdateDossier(dossier);

    public void DeleteDossier(string dossierId) => Source.DeleteDossier(dossierId);

    /// <summary>Any other change to the source, e.g. removing one copy of a duplicated key (in the source's SQL dialect).</summary>
    public int ExecuteSource(string sql, params (string Name, object? Value)[] parameters) => Source.Execute(sql, parameters);

    public void Dispose()
    {
        Source.Dispose();
        ServerStoreDatabase?.Dispose();
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

    private void WriteConfig() =>
        File.WriteAllText(ConfigPath, _config.ToJsonString(Indented), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
}
