namespace KpiIngest.Demo;

/// <summary>
/// The dossiers of a synthetic province over [From, To], day by day in time order, as they stand at the
/// end of To, including the deliberately bad and uncatalogued ones. Counts what it made.
/// </summary>
internal sealed class HistoricalDossiers(ProvinceModel model, SyntheticProvinceOptions options, Random random)
{
    // Dossiers that arrive from outside the province or from a unit deleted from the catalog.
    private static readonly string[] UnknownUnitIds = ["000.00.00.H98", "000.99.00.H99"];

    public int Count { get; private set; }

    public int UnknownUnit { get; private set; }

    public int ResolvedBeforeReceived { get; private set; }

    public int ResolvedWithoutDate { get; private set; }

    public int Uncatalogued { get; private set; }

    public void Generate(RowPipe pipe)
    {
        var dayCount = options.To.DayNumber - options.From.DayNumber + 1;
        var perDay = SpreadOverDays(dayCount);
        var dataEnd = options.To.ToDateTime(new TimeOnly(23, 59, 59));
        var factory = new DossierFactory(random);
        var dailySequence = new int[model.Units.Count];
        var baseProcedures = model.Procedures.Where(p => ProcedureCatalog.IsBase(p.Code)).ToArray();
        var seconds = Array.Empty<int>();
        long sequence = 0;

        for (var d = 0; d < dayCount; d++)
        {
            var count = perDay[d];
            if (count == 0)
            {
                continue;
            }

            var day = options.From.AddDays(d);
            var active = model.ActiveOn(day);
            if (active.IsEmpty)
            {
                throw new InvalidOperationException($"No unit of the synthetic province is active on {day:yyyy-MM-dd}.");
            }

            Array.Clear(dailySequence);
            if (seconds.Length < count)
            {
                seconds = new int[count];
            }

            // Times sorted within the day: ids and daily code numbers then rise with time, as in a real system.
            for (var i = 0; i < count; i++)
            {
                seconds[i] = WorkCalendar.TimeOfDaySeconds(random);
            }

            Array.Sort(seconds, 0, count);
            var midnight = day.ToDateTime(TimeOnly.MinValue);
            for (var i = 0; i < count; i++)
            {
                var at = midnight.AddSeconds(seconds[i]);
                var unit = active.Pick(random);
                var bad = random.NextDouble() < options.BadRowRate;
                var pair = unit.PickPair(random);
                var procedure = pair.Procedure;
                if (!bad && random.NextDouble() < options.UncataloguedRate
                    && PickUncatalogued(unit, baseProcedures) is { } other)
                {
                    pair = null;
                    procedure = other;
                    Uncatalogued++;
                }

                var row = pipe.Next();
                row.Id = SourceText.DossierId(at, ++sequence);
                factory.FillHistorical(row, unit, pair, procedure, at, dataEnd);
                row.Code = SourceText.DossierCode(unit.Id, day, ++dailySequence[unit.Index]);
                if (bad)
                {
                    MakeBad(row, procedure, at, day, dailySequence[unit.Index]);
                }

                pipe.Commit();
                Count++;
            }
        }
    }

    /// <summary>Breaks the contract in one of the ways source-contract.md says is quarantined.</summary>
    private void MakeBad(HoSoRow row, ProcedureModel procedure, DateTime at, DateOnly day, int codeSequence)
    {
        switch (random.Next(3))
        {
            case 0:
                row.UnitId = UnknownUnitIds[random.Next(UnknownUnitIds.Length)];
                row.Code = SourceText.DossierCode(row.UnitId, day, codeSequence);
                UnknownUnit++;
                break;
            case 1:
                EnsureReceived(row, procedure, at);
                row.Status = 10;
                row.ResolvedAt = at.AddMinutes(-random.Next(60, 3 * 24 * 60));
                ResolvedBeforeReceived++;
                break;
            default:
                EnsureReceived(row, procedure, at);
                row.Status = 9;
                row.ResolvedAt = null;
                ResolvedWithoutDate++;
                break;
        }
    }

    /// <summary>
    /// Dossiers per day in proportion to working-day weights with some day-to-day noise, rounded on the
    /// running total so the days add up to exactly the requested count.
    /// </summary>
    private int[] SpreadOverDays(int dayCount)
    {
        var weights = new double[dayCount];
        for (var d = 0; d < dayCount; d++)
        {
            weights[d] = WorkCalendar.VolumeWeight(options.From.AddDays(d)) * (0.85 + (0.3 * random.NextDouble()));
        }

        var total = weights.Sum();
        var perDay = new int[dayCount];
        var cumulative = 0.0;
        long given = 0;
        for (var d = 0; d < dayCount; d++)
        {
            cumulative += weights[d];
            var upTo = d == dayCount - 1 ? options.Dossiers : (long)Math.Floor(options.Dossiers * (cumulative / total));
            perDay[d] = (int)(upTo - given);
            given = upTo;
        }

        return perDay;
    }

    private ProcedureModel? PickUncatalogued(UnitModel unit, ProcedureModel[] procedures)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var candidate = procedures[random.Next(procedures.Length)];
            if (!unit.Offers(candidate.Code))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>A bad "resolved" row still needs the received date it contradicts.</summary>
    private static void EnsureReceived(HoSoRow row, ProcedureModel procedure, DateTime at)
    {
        if (row.ReceivedAt is null)
        {
            row.ReceivedAt = at;
            row.DueAt = WorkCalendar.DueAt(at, procedure.Days);
        }
    }
}
