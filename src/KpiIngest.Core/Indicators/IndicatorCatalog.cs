using System.Collections.Frozen;

namespace KpiIngest.Core.Indicators;

/// <summary>The catalogue of the nine indicators (indicators.md, "The nine indicators").</summary>
public static class IndicatorCatalog
{
    public static IReadOnlyList<IndicatorDefinition> All { get; } =
    [
        new(IndicatorCode.OnlineDossier, "ONLINE_DOSSIER",
            "Tỷ lệ hồ sơ trực tuyến", "Online dossiers",
            "Hồ sơ tiếp nhận trực tuyến", "Hồ sơ tiếp nhận",
            "Received dossiers submitted online", "Received dossiers", 50m),
        new(IndicatorCode.OnlinePayment, "ONLINE_PAYMENT",
            "Tỷ lệ thanh toán trực tuyến phí, lệ phí", "Fees paid online",
            "Hồ sơ có phí đã thanh toán trực tuyến", "Hồ sơ tiếp nhận có phí, lệ phí",
            "Received dossiers with a fee paid online", "Received dossiers with a fee", 45m),
        new(IndicatorCode.Digitized, "DIGITIZED",
            "Tỷ lệ số hóa thành phần hồ sơ", "Digitized components",
            "Hồ sơ được số hóa thành phần", "Hồ sơ tiếp nhận",
            "Received dossiers with digitized components", "Received dossiers", 80m),
        new(IndicatorCode.EResult, "E_RESULT",
            "Tỷ lệ cấp kết quả điện tử", "Electronic results",
            "Hồ sơ đã giải quyết có kết quả điện tử", "Hồ sơ đã giải quyết thuộc TTHC có kết quả",
            "Resolved dossiers with an electronic result", "Resolved dossiers of procedures issuing a result", 100m),
        new(IndicatorCode.DataReuse, "DATA_REUSE",
            "Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hóa", "Digitized data reused",
            "Hồ sơ có sử dụng lại dữ liệu số hóa", "Hồ sơ tiếp nhận",
            "Received dossiers reusing digitized data", "Received dossiers", 50m),
        new(IndicatorCode.OnlineServiceUsed, "ONLINE_SERVICE_USED",
            "Tỷ lệ dịch vụ công trực tuyến có phát sinh hồ sơ trực tuyến", "Online services actually used",
            "DVCTT có phát sinh hồ sơ trực tuyến", "DVCTT một phần và toàn trình của đơn vị đang hoạt động",
            "Online catalog pairs with an online dossier", "Catalog pairs offered partly or fully online", 100m),
        new(IndicatorCode.OnlinePaymentUsed, "ONLINE_PAYMENT_USED",
            "Tỷ lệ TTHC cung cấp thanh toán trực tuyến có phát sinh thanh toán trực tuyến", "Online payment actually used",
            "TTHC có phát sinh thanh toán trực tuyến", "TTHC có phí và cung cấp thanh toán trực tuyến",
            "Catalog pairs with an online payment", "Catalog pairs with a fee offering online payment", 100m),
        new(IndicatorCode.OnTime, "ON_TIME",
            "Tỷ lệ hồ sơ giải quyết đúng hạn", "Resolved on time",
            "Hồ sơ giải quyết đúng hạn", "Hồ sơ đã giải quyết có hạn trả",
            "Resolved dossiers resolved by their due time", "Resolved dossiers with a due time", null),
        new(IndicatorCode.FullOnlineDossier, "FULL_ONLINE_DOSSIER",
            "Tỷ lệ hồ sơ trực tuyến toàn trình", "Fully online dossiers",
            "Hồ sơ tiếp nhận trực tuyến", "Hồ sơ tiếp nhận thuộc DVCTT toàn trình",
            "Received dossiers submitted online", "Received dossiers of fully online procedures", null),
    ];

    private static readonly FrozenDictionary<string, IndicatorDefinition> ByText =
        All.ToFrozenDictionary(i => i.Text, StringComparer.Ordinal);

    public static IndicatorDefinition Get(IndicatorCode code) => All[(int)code - 1];

    public static string Text(this IndicatorCode code) => Get(code).Text;

    public static IndicatorCode Parse(string text) =>
        TryParse(text, out var code) ? code : throw new FormatException($"'{text}' is not an indicator code.");

    /// <summary>Parses a stable code such as <c>ONLINE_DOSSIER</c>; codes are exact and case-sensitive.</summary>
    public static bool TryParse(string? text, out IndicatorCode code)
    {
        if (text is not null && ByText.TryGetValue(text, out var definition))
        {
            code = definition.Code;
            return true;
        }

        code = default;
        return false;
    }
}
