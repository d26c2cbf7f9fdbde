using KpiIngest.Core.Facts;
using KpiIngest.Core.Periods;
using KpiIngest.Core.Snapshots;
using KpiIngest.Core.Source;
using KpiIngest.Core.Targets;

namespace KpiIngest.Core.Tests.Support;

/// <summary>
/// A small hand-made province: units, catalog pairs and already-validated dossiers, run through the same
/// pipeline the worker uses (DossierFact → daily counts → RunningPeriodSums → SnapshotComposer).
/// </summary>
internal sealed class World
{
    /// <summary>The default dossier: received in person at U1 for P1 on 10 April 2024, nothing else set.</summary>
    public static Dossier DefaultDossier { get; } = new(
        DossierId: "D",
        DossierCode: "HS",
        UnitId: "U1",
        ProcedureCode: "P1",
        Channel: 1,
        Status: 2,
        ReceivedAt: Dates.At("2024-04-10 09:00:00"),
        DueAt: null,
        ResolvedAt: null,
        FeeAmount: null,
        PaidOnline: 0,
        Digitized: false,
        EResult: false,
        ReusedData: false,
        UpdatedAt: Dates.At("2024-04-10 09:00:00"));

    private readonly List<Unit> _units = [];
    private readonly List<CatalogPair> _catalog = [];
    private readonly List<Dossier> _dossiers = [];

    public TargetBook Targets { get; set; } = TargetBook.BuiltIn;

    public IReadOnlyList<Unit> Units => _units;

    public IReadOnlyList<CatalogPair> Catalog => _catalog;

    public IReadOnlyList<Dossier> Dossiers => _dossiers;

    public World Unit(string id, int level = 1, string? activeFrom = null, string? activeTo = null, string? parentId = null)
    {
        _units.Add(new Unit(id, parentId, "Đơn vị " + id, level,
            activeFrom is null ? null : Dates.Day(activeFrom), activeTo is null ? null : Dates.Day(activeTo)));
        return this;
    }

    public World Pair(
        string unitId, string procedureCode, int onlineMode = 0, bool hasFee = false, bool onlinePayment = false,
        bool requiresResult = true)
    {
        _catalog.Add(new CatalogPair(unitId, procedureCode, "Thủ tục " + procedureCode, onlineMode, hasFee, onlinePayment,
            requiresResult));
        return this;
    }

    /// <summary>Adds a dossier shaped from <see cref="DefaultDossier"/>; its id is made unique.</summary>
    public World Dossier(Func<Dossier, Dossier>? shape = null)
    {
        var id = $"D{_dossiers.Count + 1:D4}";
        var dossier = (shape ?? (d => d))(DefaultDossier with { DossierId = id, DossierCode = "HS-" + id });
        _dossiers.Add(dossier);
        return this;
    }

    public World ManyDossiers(int count, Func<Dossier, Dossier>? shape = null)
    {
        for (var i = 0; i < count; i++)
        {
            Dossier(shape);
        }

        return this;
    }

    public IReadOnlyList<SnapshotRow> Compose(string asOf, PeriodKind period, bool isFinal = true) =>
        Compose(Dates.Day(asOf), period, isFinal);

    public IReadOnlyList<SnapshotRow> Compose(DateOnly asOf, PeriodKind period, bool isFinal = true)
    {
        var sums = PeriodSums(_dossiers, asOf, period);
        return new SnapshotComposer(_units, _catalog, Targets).Compose(asOf, period, sums, isFinal);
    }

    /// <summary>Walks the days that carry counts, in order, up to and including <paramref name="asOf"/>.</summary>
    public static IReadOnlyDictionary<PairKey, DayCounts> PeriodSums(
        IEnumerable<Dossier> dossiers, DateOnly asOf, PeriodKind period)
    {
        var days = dossiers
            .Select(DossierFact.From)
            .SelectMany(f => f.Contributions().Select(c => (f.Pair, c.Day, c.Counts)))
            .Where(c => c.Day <= asOf)
            .GroupBy(c => c.Day)
            .OrderBy(g => g.Key);
        var running = new RunningPeriodSums([period]);
        foreach (var day in days)
        {
            running.BeginDay(day.Key);
            foreach (var (pair, _, counts) in day)
            {
                running.Add(pair, counts);
            }
        }

        if (running.CurrentDay != asOf)
        {
            running.BeginDay(asOf);
        }

        return running.Sums(period);
    }

    public static Dossier Resolved(Dossier dossier, string resolvedAt, int status = 10) =>
        dossier with { Status = status, ResolvedAt = Dates.At(resolvedAt) };
}
