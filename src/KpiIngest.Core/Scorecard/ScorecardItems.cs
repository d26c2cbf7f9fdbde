namespace KpiIngest.Core.Scorecard;

/// <summary>One of the six groups of the QĐ 766 scorecard, with the portal's own Vietnamese name.</summary>
public sealed record ScorecardGroup(string Code, string NameVi, int MaxPoints);

/// <summary>
/// One of the 21 items of the scorecard (scorecard.md, "Items"): its code, group, max points, Vietnamese name and
/// rule in words (kpi_scorecard_item.rule_vi). <see cref="IsEnterable"/>: Scorecard:Entered may give its points.
/// </summary>
public sealed record ScorecardItem(string Code, string GroupCode, int MaxPoints, string NameVi, string RuleVi, bool IsEnterable = false);

/// <summary>A row of kpi_scorecard_item: an item, a group or the total, so every kpi_scorecard row is named from one table.</summary>
public sealed record ScorecardItemRow(string Code, string GroupCode, string NameVi, int MaxPoints, string RuleVi);

/// <summary>The scorecard's items and groups as the rule set <see cref="ScorecardRuleSet.Name"/> defines them.</summary>
public static class ScorecardItems
{
    public const string PublishOnTime = "PUBLISH_ON_TIME";
    public const string PublicUpdateOnTime = "PUBLIC_UPDATE_ON_TIME";
    public const string PublicContentFull = "PUBLIC_CONTENT_FULL";
    public const string DossierSync = "DOSSIER_SYNC";
    public const string ProgressOnTime = "PROGRESS_ON_TIME";
    public const string OnlineServiceOffered = "ONLINE_SERVICE_OFFERED";
    public const string OnlineServiceUsed = "ONLINE_SERVICE_USED";
    public const string OnlineSubmission = "ONLINE_SUBMISSION";
    public const string PaymentDossiers = "PAYMENT_DOSSIERS";
    public const string PaymentProcedures = "PAYMENT_PROCEDURES";
    public const string PaymentFeeData = "PAYMENT_FEE_DATA";
    public const string PetitionOnTime = "PETITION_ON_TIME";
    public const string PetitionSatisfaction = "PETITION_SATISFACTION";
    public const string ReceivingSatisfaction = "RECEIVING_SATISFACTION";
    public const string EResultAvailable = "E_RESULT_AVAILABLE";
    public const string DigitizedDossiers = "DIGITIZED_DOSSIERS";
    public const string ReusedData = "REUSED_DATA";
    public const string PersonalStorage = "PERSONAL_STORAGE";
    public const string CitizenDataDossiers = "CITIZEN_DATA_DOSSIERS";
    public const string CitizenDataProcedures = "CITIZEN_DATA_PROCEDURES";
    public const string CertifiedCopy = "CERTIFIED_COPY";

    /// <summary>The rule of every group row in kpi_scorecard_item.</summary>
    public const string GroupRuleVi = "tổng điểm các tiêu chí của nhóm";

    /// <summary>G1..G6 in order; their max points add up to 100.</summary>
    public static IReadOnlyList<ScorecardGroup> Groups { get; } =
    [
        new("G1", "Công khai, minh bạch", 18),
        new("G2", "Tiến độ giải quyết", 20),
        new("G3", "Dịch vụ công trực tuyến", 12),
        new("G4", "Thanh toán trực tuyến", 10),
        new("G5", "Mức độ hài lòng", 18),
        new("G6", "Số hóa hồ sơ", 22),
    ];

    /// <summary>The 21 items, in the spec's order (group by group).</summary>
    public static IReadOnlyList<ScorecardItem> All { get; } =
    [
        new(PublishOnTime, "G1", 6, "Công bố, công khai thủ tục hành chính đúng hạn",
            "nhập từ cấu hình (Scorecard:Entered), theo điểm Cổng DVCQG đã công bố", IsEnterable: true),
        new(PublicUpdateOnTime, "G1", 4, "Cập nhật, công khai thông tin đúng hạn",
            "nhập từ cấu hình (Scorecard:Entered), theo điểm Cổng DVCQG đã công bố", IsEnterable: true),
        new(PublicContentFull, "G1", 2, "Công khai đầy đủ nội dung thủ tục hành chính",
            "nhập từ cấu hình (Scorecard:Entered), theo điểm Cổng DVCQG đã công bố", IsEnterable: true),
        new(DossierSync, "G1", 6, "Hồ sơ được đồng bộ lên Cổng DVCQG",
            "6 × số hồ sơ tiếp nhận trong kỳ đã đồng bộ / số hồ sơ tiếp nhận; nếu nguồn không có cột synced_to_portal: 6 điểm khi có hồ sơ tiếp nhận"),
        new(ProgressOnTime, "G2", 20, "Hồ sơ giải quyết đúng hạn",
            "20 × số hồ sơ tiếp nhận trong kỳ không quá hạn tại ngày tính / số hồ sơ tiếp nhận"),
        new(OnlineServiceOffered, "G3", 2, "Thủ tục cung cấp dịch vụ công trực tuyến",
            "2 × min(1, (số cặp đơn vị–thủ tục trực tuyến một phần hoặc toàn trình / số cặp của các đơn vị hoạt động) / 80%)"),
        new(OnlineServiceUsed, "G3", 4, "Dịch vụ công trực tuyến có phát sinh hồ sơ trực tuyến",
            "4 × tử số / mẫu số của chỉ tiêu ONLINE_SERVICE_USED"),
        new(OnlineSubmission, "G3", 6, "Hồ sơ nộp trực tuyến",
            "6 × min(1, (số hồ sơ tiếp nhận trực tuyến / số hồ sơ tiếp nhận) / 50%)"),
        new(PaymentDossiers, "G4", 6, "Hồ sơ thanh toán trực tuyến",
            "6 × tử số / mẫu số của chỉ tiêu ONLINE_PAYMENT"),
        new(PaymentProcedures, "G4", 2, "Thủ tục có phí, lệ phí phát sinh thanh toán trực tuyến",
            "min(2, 2,5 × số cặp có phí đã có hồ sơ thanh toán trực tuyến / số cặp có phí của các đơn vị hoạt động)"),
        new(PaymentFeeData, "G4", 2, "Thủ tục có phí, lệ phí có dữ liệu phí trên hồ sơ",
            "min(2, 2,5 × số cặp có phí đã có hồ sơ ghi số tiền phí / số cặp có phí của các đơn vị hoạt động)"),
        new(PetitionOnTime, "G5", 6, "Xử lý phản ánh, kiến nghị đúng hạn",
            "nhập từ cấu hình (Scorecard:Entered), theo điểm Cổng DVCQG đã công bố", IsEnterable: true),
        new(PetitionSatisfaction, "G5", 6, "Mức độ hài lòng với việc xử lý phản ánh, kiến nghị",
            "nhập từ cấu hình (Scorecard:Entered), theo điểm Cổng DVCQG đã công bố", IsEnterable: true),
        new(ReceivingSatisfaction, "G5", 6, "Mức độ hài lòng trong tiếp nhận, giải quyết hồ sơ",
            "min(6, 6 × (số hồ sơ tiếp nhận không quá hạn và không bị phản ánh, không hài lòng / số hồ sơ tiếp nhận) / 90%); nếu nguồn không có cột complaint_or_dislike: chỉ tính không quá hạn"),
        new(EResultAvailable, "G6", 6, "Hồ sơ có kết quả điện tử",
            "6 × số hồ sơ tiếp nhận có kết quả điện tử / số hồ sơ tiếp nhận"),
        new(DigitizedDossiers, "G6", 4, "Hồ sơ được số hóa",
            "4 × số hồ sơ tiếp nhận đã số hóa và có kết quả điện tử (hoặc thủ tục không có kết quả) / số hồ sơ tiếp nhận"),
        new(ReusedData, "G6", 2, "Hồ sơ tái sử dụng dữ liệu số hóa",
            "min(2, 2,5 × số hồ sơ tiếp nhận có tái sử dụng dữ liệu / số hồ sơ tiếp nhận)"),
        new(PersonalStorage, "G6", 4, "Hồ sơ sử dụng kho dữ liệu cá nhân",
            "4 × số hồ sơ tiếp nhận có lấy từ hoặc đẩy vào kho dữ liệu cá nhân / số hồ sơ tiếp nhận; cần cột from_personal_storage"),
        new(CitizenDataDossiers, "G6", 2, "Hồ sơ khai thác dữ liệu dân cư",
            "2 × số hồ sơ tiếp nhận có xác thực VNeID hoặc khai thác CSDL quốc gia về dân cư / số hồ sơ tiếp nhận; cần cột citizen_data_used"),
        new(CitizenDataProcedures, "G6", 2, "Thủ tục cho công dân có khai thác dữ liệu dân cư",
            "2 × số cặp thủ tục cho công dân đã có hồ sơ khai thác dữ liệu dân cư / số cặp thủ tục cho công dân của các đơn vị hoạt động; cần cột citizen_data_used và citizen_subject"),
        new(CertifiedCopy, "G6", 2, "Cấp bản sao điện tử",
            "2 điểm (Cổng DVCQG hiện cho mọi đơn vị), trừ khi nhập từ cấu hình (Scorecard:Entered)", IsEnterable: true),
    ];

    /// <summary>Every row of kpi_scorecard_item: the 21 items, the six groups and the total.</summary>
    public static IReadOnlyList<ScorecardItemRow> ItemTableRows { get; } =
    [
        .. All.Select(i => new ScorecardItemRow(i.Code, i.GroupCode, i.NameVi, i.MaxPoints, i.RuleVi)),
        .. Groups.Select(g => new ScorecardItemRow(g.Code, g.Code, g.NameVi, g.MaxPoints, GroupRuleVi)),
        new(ScorecardRuleSet.Total, ScorecardRuleSet.Total, "Tổng điểm", ScorecardRuleSet.MaxPoints, "tổng điểm của sáu nhóm"),
    ];

    private static readonly Dictionary<string, ScorecardItem> ByCode = All.ToDictionary(i => i.Code, StringComparer.Ordinal);

    /// <summary>Finds an item by its exact, case-sensitive code.</summary>
    public static bool TryGet(string? code, out ScorecardItem item)
    {
        if (code is not null && ByCode.TryGetValue(code, out var found))
        {
            item = found;
            return true;
        }

        item = null!;
        return false;
    }

    public static ScorecardItem Get(string code) =>
        TryGet(code, out var item) ? item : throw new ArgumentOutOfRangeException(nameof(code), code, "Not a scorecard item code.");
}
