using KpiIngest.Data;
using Microsoft.Data.Sqlite;

namespace KpiIngest.Demo;

/// <summary>
/// Generates a synthetic iGate-style province into a SQLite file: the reference schema of
/// deploy/sql/sqlite, filled with units, the catalog and dossiers, and the contract views over it. Used by
/// the <c>demo</c> verb, the benchmark and the tests. The province, "Tỉnh Sơn Hà", is fictional.
/// </summary>
public static class SyntheticProvince
{
    /// <summary>The scripts of deploy/sql/sqlite this project embeds, so the demo runs exactly what ships to integrators.</summary>
    private static readonly EmbeddedSql DeployScripts = new(typeof(SyntheticProvince).Assembly);

    /// <summary>The fields whose procedures citizens (cá nhân) apply for: dm_thu_tuc.doi_tuong_ca_nhan, the optional citizen_subject.</summary>
    private static readonly HashSet<string> CitizenFields = new(StringComparer.Ordinal)
    {
        "Hộ tịch", "Chứng thực", "Lý lịch tư pháp", "Quốc tịch", "Người có công", "Bảo trợ xã hội", "Việc làm",
        "Văn bằng, chứng chỉ", "Xuất nhập cảnh", "Quản lý xuất nhập cảnh", "Đất đai", "Thi, tuyển sinh",
        "Giáo dục mầm non", "Giáo dục trung học", "Đăng ký, quản lý phương tiện giao thông", "Khám bệnh, chữa bệnh",
    };

    /// <summary>
    /// Creates <paramref name="sqliteFilePath"/> (replacing any file there) and fills it. Streams the
    /// dossiers day by day through prepared statements in one transaction, with journaling off and the
    /// secondary indexes built afterwards, so memory stays flat whatever <see cref="SyntheticProvinceOptions.Dossiers"/> is.
    /// The file is left in WAL mode, ready for a reader and a writer (the demo's simulator) at once.
    /// </summary>
    public static SyntheticProvinceSummary Create(string sqliteFilePath, SyntheticProvinceOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sqliteFilePath);
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);

        foreach (var suffix in (string[])["", "-wal", "-shm", "-journal"])
        {
            File.Delete(sqliteFilePath + suffix);
        }

        var random = new Random(options.Seed);
        using var connection = SqliteFiles.Open(sqliteFilePath, create: true);
        // Nothing to protect during generation: a crash leaves a half-made file that the next run replaces.
        SqliteFiles.Execute(connection, "PRAGMA page_size = 16384; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536; PRAGMA threads = 2;");
        var schema = DeployScripts.File("deploy/sql/sqlite/reference-schema.sql");
        SqliteFiles.Execute(connection, schema);
        // Building an index once over sorted data beats updating it row by row: drop the script's
        // secondary indexes now, and let the same script create them again after the load.
        DropSecondaryIndexes(connection);

        var layout = ProvinceLayout.Build(options.Units, random);
        SyntheticProvinceSummary summary;
        using (var transaction = connection.BeginTransaction())
        {
            var (model, pairs) = WriteCatalog(connection, transaction, layout, options.CatalogPairs, random);
            var dossiers = new HistoricalDossiers(model, options, random);
            var feeLines = WriteDossiers(connection, dossiers);
            summary = new SyntheticProvinceSummary(
                ProvinceLayout.ProvinceName,
                layout.Count,
                model.Procedures.Count,
                pairs,
                Dossiers: dossiers.Count,
                FeeLines: feeLines,
                BadRows: dossiers.UnknownUnit + dossiers.ResolvedBeforeReceived + dossiers.ResolvedWithoutDate,
                UnknownUnitRows: dossiers.UnknownUnit,
                ResolvedBeforeReceivedRows: dossiers.ResolvedBeforeReceived,
                ResolvedWithoutDateRows: dossiers.ResolvedWithoutDate,
                Uncatalogued: dossiers.Uncatalogued);
            transaction.Commit();
        }

        SqliteFiles.Execute(connection, schema);
        SqliteFiles.Execute(connection, DeployScripts.File("deploy/sql/sqlite/contract-views.sql"));
        // Sampled statistics: enough for the planner, seconds cheaper than a full ANALYZE on millions of rows.
        SqliteFiles.Execute(connection, "PRAGMA analysis_limit = 1000; ANALYZE;");
        SqliteFiles.Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
        return summary;
    }

    private static void Validate(SyntheticProvinceOptions options)
    {
        if (options.To < options.From)
        {
            throw new ArgumentException($"To ({options.To:yyyy-MM-dd}) is before From ({options.From:yyyy-MM-dd}).", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.Units, 5, nameof(options.Units));
        ArgumentOutOfRangeException.ThrowIfNegative(options.Dossiers, nameof(options.Dossiers));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CatalogPairs, options.Units, nameof(options.CatalogPairs));
        if (options.BadRowRate is < 0 or > 1 || options.UncataloguedRate is < 0 or > 1)
        {
            throw new ArgumentException("BadRowRate and UncataloguedRate must be between 0 and 1.", nameof(options));
        }
    }

    private static void DropSecondaryIndexes(SqliteConnection connection)
    {
        var names = new List<string>();
        using (var command = connection.CreateCommand())
        {
            // Indexes with no SQL are the ones backing primary keys: those stay.
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }
        }

        foreach (var name in names)
        {
            SqliteFiles.Execute(connection, $"DROP INDEX \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"");
        }
    }

    private static (ProvinceModel Model, int Pairs) WriteCatalog(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<UnitSpec> layout, int catalogPairs, Random random)
    {
        // Departments offer far more procedures than a commune does.
        var candidates = new IReadOnlyList<ProcedureSpec>[layout.Count];
        var weights = new double[layout.Count];
        for (var i = 0; i < layout.Count; i++)
        {
            var unit = layout[i];
            candidates[i] = ProcedureCatalog.CandidatesFor(unit.Level, unit.Sector, afterReorganisation: unit.ActiveTo is null);
            weights[i] = (unit.Level switch { 1 => 4.0, 2 => 2.0, _ => 1.0 }) * (0.7 + (0.6 * random.NextDouble()));
        }

        var counts = Apportion(catalogPairs, weights, candidates.Select(c => c.Count).ToArray());
        var procedures = new SortedDictionary<string, (ProcedureSpec Spec, ProcedureModel Model)>(StringComparer.Ordinal);
        foreach (var spec in ProcedureCatalog.Base)
        {
            procedures[spec.Code] = (spec, ToModel(spec));
        }

        using var insertUnit = Prepare(connection, transaction,
            "INSERT INTO dm_don_vi (ma_don_vi, ma_don_vi_cha, ten_don_vi, cap, hieu_luc_tu, hieu_luc_den) VALUES ($p1, $p2, $p3, $p4, $p5, $p6)", 6);
        using var insertPair = Prepare(connection, transaction,
            "INSERT INTO dm_don_vi_thu_tuc (ma_don_vi, ma_tthc, muc_do, co_phi, thanh_toan_truc_tuyen, co_ket_qua) VALUES ($p1, $p2, $p3, $p4, $p5, $p6)", 6);

        var units = new List<UnitModel>(layout.Count);
        var pairCount = 0;
        for (var i = 0; i < layout.Count; i++)
        {
            var unit = layout[i];
            insertUnit.Run(unit.Id, unit.ParentId, unit.Name, unit.Level,
                unit.ActiveFrom is { } from ? SourceText.FormatDate(from) : null,
                unit.ActiveTo is { } to ? SourceText.FormatDate(to) : null);

            // Mostly the best-fitting procedures first, with enough jitter that units of a level differ.
            var chosen = candidates[i]
                .Select((spec, position) => (spec, key: position * (0.5 + random.NextDouble())))
                .OrderBy(c => c.key)
                .Take(counts[i])
                .Select(c => c.spec)
                .OrderBy(spec => spec.Code, StringComparer.Ordinal)
                .ToList();
            var pairs = new List<PairModel>(chosen.Count);
            foreach (var spec in chosen)
            {
                if (!procedures.TryGetValue(spec.Code, out var procedure))
                {
                    procedures[spec.Code] = procedure = (spec, ToModel(spec));
                }

                var pair = MakePair(procedure.Model, spec, random);
                pairs.Add(pair);
                insertPair.Run(unit.Id, spec.Code, pair.OnlineMode, pair.HasFee ? 1 : 0, pair.OnlinePayment ? 1 : 0, pair.RequiresResult ? 1 : 0);
            }

            pairCount += pairs.Count;
            units.Add(new UnitModel(i, unit.Id, unit.Level, unit.ActiveFrom, unit.ActiveTo, pairs));
        }

        using var insertProcedure = Prepare(connection, transaction,
            "INSERT INTO dm_thu_tuc (ma_tthc, ten_tthc, linh_vuc, so_ngay_giai_quyet, muc_le_phi, doi_tuong_ca_nhan) VALUES ($p1, $p2, $p3, $p4, $p5, $p6)", 6);
        foreach (var (spec, _) in procedures.Values)
        {
            insertProcedure.Run(spec.Code, spec.Name, spec.Field, spec.Days, spec.Fee, CitizenFields.Contains(spec.Field) ? 1 : 0);
        }

        return (new ProvinceModel(units, [.. procedures.Values.Select(p => p.Model)]), pairCount);
    }

    /// <summary>One pair per unit first, the rest in proportion to the weights, within each unit's room.</summary>
    private static int[] Apportion(int total, double[] weights, int[] room)
    {
        var counts = new int[weights.Length];
        var remaining = total - weights.Length;
        var weightSum = weights.Sum();
        var cumulative = 0.0;
        var given = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            cumulative += weights[i];
            var upTo = (int)Math.Round(remaining * cumulative / weightSum, MidpointRounding.AwayFromZero);
            counts[i] = Math.Min(room[i], 1 + upTo - given);
            given = upTo;
        }

        // Whatever a full unit could not take goes round the units that still have room.
        var left = total - counts.Sum();
        for (var progress = true; left > 0 && progress;)
        {
            progress = false;
            for (var i = 0; i < counts.Length && left > 0; i++)
            {
                if (counts[i] < room[i])
                {
                    counts[i]++;
                    left--;
                    progress = true;
                }
            }
        }

        return counts;
    }

    private static ProcedureModel ToModel(ProcedureSpec spec) =>
        new(spec.Code, spec.Days, spec.Fee, spec.MaxMode, spec.Popularity);

    /// <summary>Units do not always offer a procedure at its best online level, nor online payment.</summary>
    private static PairModel MakePair(ProcedureModel procedure, ProcedureSpec spec, Random random)
    {
        var r = random.NextDouble();
        var mode = r < 0.04 ? 0
            : r < 0.16 ? spec.MaxMode switch { 4 => 3, 3 => 2, _ => 0 }
            : spec.MaxMode;
        var hasFee = spec.Fee > 0;
        var onlinePayment = hasFee && mode >= 3 && random.NextDouble() < 0.8;
        return new PairModel(procedure, mode, hasFee, onlinePayment, spec.RequiresResult);
    }

    /// <summary>
    /// Generation and SQLite's inserts each take a core: dossiers are made on a worker thread and handed
    /// over in batches through a small bounded queue, so both run at once and memory stays flat. One
    /// producer keeps the random sequence, and so the output, deterministic. Returns the fee lines written.
    /// </summary>
    private static int WriteDossiers(SqliteConnection connection, HistoricalDossiers dossiers)
    {
        using var pipe = new RowPipe();
        var producer = Task.Run(() =>
        {
            try
            {
                dossiers.Generate(pipe);
            }
            finally
            {
                pipe.CompleteAdding();
            }
        });

        try
        {
            using var writer = new DossierWriter(connection);
            foreach (var row in pipe.Drain())
            {
                writer.Insert(row);
            }

            producer.GetAwaiter().GetResult();
            return writer.FeeLines;
        }
        catch
        {
            pipe.Cancel();
            // The producer then stops at its next hand-over; its cancellation is not the error to report.
            try
            {
                producer.Wait();
            }
            catch (AggregateException)
            {
            }

            throw;
        }
    }

    private static PreparedInsert Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, int parameters) =>
        new(connection, transaction, sql, parameters);

    /// <summary>A small prepared INSERT for the catalog tables.</summary>
    private sealed class PreparedInsert : IDisposable
    {
        private readonly SqliteCommand _command;

        public PreparedInsert(SqliteConnection connection, SqliteTransaction transaction, string sql, int parameters)
        {
            _command = connection.CreateCommand();
            _command.Transaction = transaction;
            _command.CommandText = sql;
            for (var i = 1; i <= parameters; i++)
            {
                _command.Parameters.Add(new SqliteParameter("$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), null));
            }

            _command.Prepare();
        }

        public void Run(params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                _command.Parameters[i].Value = values[i] ?? DBNull.Value;
            }

            _command.ExecuteNonQuery();
        }

        public void Dispose() => _command.Dispose();
    }
}
