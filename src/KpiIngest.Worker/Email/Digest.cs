using KpiIngest.Core.Alerts;
using KpiIngest.Worker.Charts;

namespace KpiIngest.Worker.Email;

/// <summary>An alert whose latest event (opened, reopened, escalated) is to be mailed in this run.</summary>
public sealed record AlertNotice(long AlertId, Alert Alert);

/// <summary>A catalog pair that still lacks an online dossier or payment this period: what a department must act on.</summary>
public sealed record MissingProcedure(string UnitId, string UnitName, string ProcedureCode, string ProcedureName);

/// <summary>
/// One line of a digest: the alert, where it is, how it has moved, for 6 and 7 what is missing, and the chart of its
/// indicator over the period (null: none drawn, as for a digest rendered without the store).
/// </summary>
public sealed record DigestItem(
    AlertNotice Notice,
    string ScopeName,
    IReadOnlyList<decimal?> Trend,
    IReadOnlyList<MissingProcedure> MissingProcedures,
    int MissingProceduresTotal,
    TrendChart? Chart = null);

/// <summary>
/// What one recipient receives from one run. <paramref name="ReadUpTo"/> is when the run read the source, in the
/// province's zone: a digest whose data is of a day that had ended by then covers that whole day (final), any other
/// covers its day up to that time. <paramref name="Score"/> is the province's QĐ 766 estimate the digest quotes (null:
/// the store has none).
/// </summary>
public sealed record Digest(
    string Recipient, string ProvinceName, DateOnly Date, IReadOnlyList<DigestItem> Items, DateTime ReadUpTo, DigestScore? Score = null);

/// <summary>
/// The province's QĐ 766 estimate (scorecard.md) for the digest's period and date, as stored: the total (null when no item
/// could be computed), the max of the items that could, and the change of the total since the previous day (null when the
/// store has no total of the previous day).
/// </summary>
public sealed record DigestScore(decimal? Points, int KnownMaxPoints, decimal? Change);

/// <summary>A digest rendered to mail: subject, HTML and the plain-text alternative.</summary>
public sealed record RenderedDigest(string Subject, string Html, string Text);
