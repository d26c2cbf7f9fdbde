using System.Globalization;
using System.Text.RegularExpressions;
using KpiIngest.Core.Source;
using KpiIngest.Data;
using KpiIngest.IntegrationTests.Infrastructure;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Providers;

/// <summary>
/// deploy/sql/sqlserver/store, read with ScriptDom (no SQL Server needed) and held to the SQLite store: the same
/// migrations, tables, columns in order, nullability, keys, indexes and view columns, each column of the type its
/// kind takes on SQL Server, every object in {schema}, and the batch rules the migrator relies on. Three engines
/// with one store cannot drift apart unnoticed. TSqlSyntaxTests checks that each batch parses.
/// </summary>
public sealed partial class SqlServerStoreScriptTests
{
    private const string Schema = "kpi";
    private const string Bin2 = "Latin1_General_100_BIN2";

    private static readonly Lazy<StoreSchema> Sqlite = new(StoreMigrations.Sqlite);
    private static readonly Lazy<SqlServerDdl> Scripts = new(SqlServerDdl.Read);

    [Fact]
    public void ScriptNames_SqlServerStore_AreTheSqliteMigrations() =>
        StoreMigrations.Names(DbEngine.SqlServer).ShouldBe(StoreMigrations.Names(DbEngine.Sqlite));

    [Fact]
    public void Tables_AfterAllScripts_AreTheSqliteTablesWithTheirColumnsInOrder()
    {
        Scripts.Value.Tables.Keys.Order(StringComparer.Ordinal).ShouldBe(Sqlite.Value.Tables.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, table) in Sqlite.Value.Tables)
        {
            Scripts.Value.Tables[name].ColumnNames.ShouldBe(table.ColumnNames, name);
        }
    }

    [Fact]
    public void Columns_EveryOne_StatesItsNullabilityAsOnSqlite()
    {
        foreach (var (name, table) in Sqlite.Value.Tables)
        {
            foreach (var column in table.Columns)
            {
                // Unstated, it would follow the session's ANSI_NULL_DFLT_ON.
                var declared = Scripts.Value.Nullability[(name, column.Name)];
                declared.ShouldNotBeNull($"{name}.{column.Name} must say NULL or NOT NULL");
                (!declared.Value).ShouldBe(column.NotNull, $"{name}.{column.Name} NOT NULL");
            }
        }
    }

    [Fact]
    public void Columns_EveryOne_HasTheSqlServerTypeOfItsKind()
    {
        var problems = new List<string>();
        foreach (var (name, table) in Sqlite.Value.Tables)
        {
            foreach (var column in table.Columns)
            {
                var actual = Scripts.Value.Tables[name].Column(column.Name);
                var kind = StoreSchema.KindOf(name, column);
                if (!TypeFits(kind, column.Name, actual.Type))
                {
                    problems.Add($"{name}.{column.Name}: {kind} as {actual.Type}");
                }

                if (actual.Identity != column.Identity)
                {
                    problems.Add($"{name}.{column.Name}: IDENTITY {actual.Identity}, the SQLite rowid key {column.Identity}");
                }
            }
        }

        problems.ShouldBeEmpty();
    }

    [Fact]
    public void Columns_TextTheCodeBounds_HoldTheCodesLongestValue()
    {
        var tables = Scripts.Value.Tables;
        tables["kpi_unit"].Column("name").Type.ShouldBe($"nvarchar({ContractLimits.UnitNameLength})");
        tables["kpi_catalog"].Column("procedure_name").Type.ShouldBe($"nvarchar({ContractLimits.ProcedureNameLength})");
        tables["kpi_quarantine"].Column("value_text").Type.ShouldBe($"nvarchar({RowCheck.MaxValueText})");
        // An OPS problem quotes the errors of the runs that failed; a quarantine reason lists every broken column.
        tables["kpi_state"].Column("value").Type.ShouldBe("nvarchar(max)");
        tables["kpi_quarantine"].Column("reason").Type.ShouldBe("nvarchar(max)");
        tables["kpi_run"].Column("error").Type.ShouldBe("nvarchar(max)");
    }

    [Fact]
    public void Keys_EveryTable_HasTheSqlitePrimaryKeyUniqueConstraintsAndIndexes()
    {
        foreach (var (name, table) in Sqlite.Value.Tables)
        {
            Scripts.Value.Tables[name].Keys.ShouldBe(table.Keys, name);
        }
    }

    [Fact]
    public void Keys_NoColumnOfAKeyOrIndex_IsNvarcharMax()
    {
        var problems =
            from key in Scripts.Value.KeyColumns
            let type = Scripts.Value.Tables[key.Table].Column(key.Column).Type
            where type.StartsWith("nvarchar(max)", StringComparison.Ordinal)
            select $"{key.Table}.{key.Column} is {type} in a key or index";

        problems.ShouldBeEmpty();
    }

    [Fact]
    public void Views_BothBiViews_HaveTheSqliteColumnsInOrder()
    {
        Scripts.Value.Views.Keys.Order(StringComparer.Ordinal).ShouldBe(Sqlite.Value.Views.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, columns) in Sqlite.Value.Views)
        {
            Scripts.Value.Views[name].ShouldBe(columns, name);
        }
    }

    [Fact]
    public void Scripts_EveryObjectAndReference_IsInTheSchemaPlaceholder()
    {
        Scripts.Value.Unqualified.ShouldBeEmpty("every table, index, view and reference is written {schema}.name");
    }

    [Fact]
    public void Scripts_Text_HasNoCreateTableIfNotExistsAndOnlyBareGoLines()
    {
        var problems = new List<string>();
        foreach (var file in StoreMigrations.Files(DbEngine.SqlServer))
        {
            var name = Path.GetFileName(file);
            var lines = File.ReadAllLines(file);
            if (CreateTableIfNotExists().IsMatch(string.Join('\n', lines)))
            {
                problems.Add($"{name}: CREATE TABLE IF NOT EXISTS (SQL Server has none; a migration runs once)");
            }

            // The migrator splits on lines matching ^\s*GO\s*$ only: "GO -- comment" or "GO 2" would reach the server.
            problems.AddRange(lines
                .Select((line, i) => (line, i))
                .Where(l => GoLike().IsMatch(l.line) && !BareGo().IsMatch(l.line))
                .Select(l => $"{name}:{l.i + 1}: '{l.line.Trim()}' is not a bare GO line"));
        }

        problems.ShouldBeEmpty();
    }

    /// <summary>store.md's SQL Server type for each kind; keys are exactly as long as the code lets them be.</summary>
    private static bool TypeFits(StoreColumnKind kind, string column, string type) => kind switch
    {
        StoreColumnKind.Date => type == "date",
        StoreColumnKind.UtcTime => type == "datetime2(3)",
        StoreColumnKind.LocalTime => type == "datetime2(7)",
        StoreColumnKind.Flag => type == "bit",
        StoreColumnKind.Percentage => type == "decimal(5,2)",
        StoreColumnKind.SmallNumber => type == "int",
        StoreColumnKind.Count => type == "bigint",
        StoreColumnKind.Key => type == $"nvarchar({StoreSchema.KeyLength(column).ToString(CultureInfo.InvariantCulture)}) COLLATE {Bin2}",
        StoreColumnKind.Text => NvarcharInDatabaseCollation().IsMatch(type),
        _ => false,
    };

    [GeneratedRegex(@"CREATE\s+TABLE\s+IF\s+NOT\s+EXISTS", RegexOptions.IgnoreCase)]
    private static partial Regex CreateTableIfNotExists();

    [GeneratedRegex(@"^\s*GO\b", RegexOptions.IgnoreCase)]
    private static partial Regex GoLike();

    [GeneratedRegex(@"^\s*GO\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex BareGo();

    [GeneratedRegex(@"^nvarchar\((\d+|max)\)$")]
    private static partial Regex NvarcharInDatabaseCollation();

    /// <summary>The store the SQL Server scripts create, as ScriptDom reads them (column types written as in the scripts, lower case).</summary>
    private sealed class SqlServerDdl : TSqlFragmentVisitor
    {
        private readonly Dictionary<string, List<MigratedColumn>> _columns = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<string>> _keys = new(StringComparer.Ordinal);
        private string _at = "";

        public Dictionary<string, StoreTable> Tables => _columns.ToDictionary(
            t => t.Key, t => new StoreTable(t.Key, t.Value, [.. _keys[t.Key].Order(StringComparer.Ordinal)]), StringComparer.Ordinal);

        public Dictionary<string, IReadOnlyList<string>> Views { get; } = new(StringComparer.Ordinal);

        /// <summary>NULL (true), NOT NULL (false) or unstated (null), per (table, column).</summary>
        public Dictionary<(string Table, string Column), bool?> Nullability { get; } = [];

        public List<string> Unqualified { get; } = [];

        /// <summary>Every (table, column) in a primary key, unique constraint or index.</summary>
        public HashSet<(string Table, string Column)> KeyColumns { get; } = [];

        public static SqlServerDdl Read()
        {
            var ddl = new SqlServerDdl();
            foreach (var file in StoreMigrations.Files(DbEngine.SqlServer))
            {
                var script = File.ReadAllText(file).Replace(EmbeddedSql.SchemaPlaceholder, $"[{Schema}]", StringComparison.Ordinal);
                foreach (var (firstLine, text) in TSqlBatches.Split(script))
                {
                    var (parsed, errors) = TSqlGrammars.Parse(text, (line, column) => $"{Path.GetFileName(file)}:{firstLine + line - 1}:{column}");
                    errors.ShouldBeEmpty();
                    ddl._at = $"{Path.GetFileName(file)}:{firstLine}";
                    parsed!.Accept(ddl);
                }
            }

            return ddl;
        }

        public override void ExplicitVisit(CreateTableStatement node)
        {
            var table = Name(node.SchemaObjectName, "CREATE TABLE");
            _columns.Add(table, []);
            _keys.Add(table, []);
            AddColumns(table, node.Definition.ColumnDefinitions);
            foreach (var constraint in node.Definition.TableConstraints.OfType<UniqueConstraintDefinition>())
            {
                _keys[table].Add(Key(table, constraint, [.. constraint.Columns.Select(c => Column(c.Column))]));
            }
        }

        public override void ExplicitVisit(AlterTableAddTableElementStatement node)
        {
            var table = Name(node.SchemaObjectName, "ALTER TABLE");
            AddColumns(table, node.Definition.ColumnDefinitions);
            foreach (var constraint in node.Definition.TableConstraints.OfType<UniqueConstraintDefinition>())
            {
                _keys[table].Add(Key(table, constraint, [.. constraint.Columns.Select(c => Column(c.Column))]));
            }
        }

        /// <summary>ALTER COLUMN restating a column's type and nullability: how a column added NULL, then filled, becomes NOT NULL.</summary>
        public override void ExplicitVisit(AlterTableAlterColumnStatement node)
        {
            var table = Name(node.SchemaObjectName, "ALTER TABLE");
            var name = node.ColumnIdentifier.Value;
            bool? nullable = node.AlterTableAlterColumnOption switch
            {
                AlterTableAlterColumnOption.Null => true,
                AlterTableAlterColumnOption.NotNull => false,
                _ => null,
            };
            Nullability[(table, name)] = nullable;
            var columns = _columns[table];
            var at = columns.FindIndex(c => c.Name == name);
            columns[at] = columns[at] with { NotNull = nullable == false };
        }

        public override void ExplicitVisit(CreateIndexStatement node)
        {
            var table = Name(node.OnName, "CREATE INDEX");
            List<string> columns = [.. node.Columns.Select(c => Column(c.Column))];
            KeyColumns.UnionWith(columns.Select(c => (table, c)));
            _keys[table].Add(node.Unique ? StoreSchema.Unique(columns) : StoreSchema.Index(node.Name.Value, columns));
        }

        public override void ExplicitVisit(CreateOrAlterViewStatement node)
        {
            var view = Name(node.SchemaObjectName, "CREATE OR ALTER VIEW");
            var select = (QuerySpecification)node.SelectStatement.QueryExpression;
            Views[view] = [.. select.SelectElements.Select(e => e switch
            {
                SelectScalarExpression { ColumnName: { } alias } => alias.Value,
                SelectScalarExpression { Expression: ColumnReferenceExpression reference } => Column(reference),
                _ => throw new InvalidOperationException($"{_at}: {view} must list its columns, not {e.GetType().Name}"),
            })];
            base.ExplicitVisit(node);
        }

        public override void ExplicitVisit(CreateViewStatement node)
        {
            Unqualified.Add($"{_at}: CREATE VIEW {node.SchemaObjectName.BaseIdentifier.Value}: write CREATE OR ALTER VIEW, as a rerun would");
            base.ExplicitVisit(node);
        }

        public override void ExplicitVisit(NamedTableReference node)
        {
            Name(node.SchemaObject, "a reference to");
            base.ExplicitVisit(node);
        }

        private void AddColumns(string table, IEnumerable<ColumnDefinition> definitions)
        {
            foreach (var definition in definitions)
            {
                var name = definition.ColumnIdentifier.Value;
                var nullable = definition.Constraints.OfType<NullableConstraintDefinition>().SingleOrDefault()?.Nullable;
                Nullability[(table, name)] = nullable;
                _columns[table].Add(new MigratedColumn(name, Type(definition), nullable == false, definition.IdentityOptions is not null));
                foreach (var constraint in definition.Constraints.OfType<UniqueConstraintDefinition>())
                {
                    _keys[table].Add(Key(table, constraint, [name]));
                }
            }
        }

        private string Key(string table, UniqueConstraintDefinition constraint, IReadOnlyList<string> columns)
        {
            KeyColumns.UnionWith(columns.Select(c => (table, c)));
            return constraint.IsPrimaryKey ? StoreSchema.PrimaryKey(columns) : StoreSchema.Unique(columns);
        }

        private static string Type(ColumnDefinition definition)
        {
            var type = (SqlDataTypeReference)definition.DataType;
            var text = type.SqlDataTypeOption.ToString().ToLowerInvariant();
            if (type.Parameters.Count > 0)
            {
                text += "(" + string.Join(",", type.Parameters.Select(p => p.Value.ToLowerInvariant())) + ")";
            }

            return definition.Collation is { } collation ? $"{text} COLLATE {collation.Value}" : text;
        }

        private static string Column(ColumnReferenceExpression column) => column.MultiPartIdentifier.Identifiers[^1].Value;

        /// <summary>The object's name, noting it when it is not in the schema the placeholder stands for.</summary>
        private string Name(SchemaObjectName name, string what)
        {
            if (name.SchemaIdentifier?.Value != Schema)
            {
                Unqualified.Add($"{_at}: {what} {name.BaseIdentifier.Value} is not written {{schema}}.{name.BaseIdentifier.Value}");
            }

            return name.BaseIdentifier.Value;
        }
    }
}
