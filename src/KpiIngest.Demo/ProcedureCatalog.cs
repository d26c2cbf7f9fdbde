using System.Globalization;

namespace KpiIngest.Demo;

/// <summary>Administrative levels at which a procedure is offered.</summary>
[Flags]
internal enum Levels
{
    None = 0,
    Province = 1,
    District = 2,
    Commune = 4,
}

/// <summary>
/// One administrative procedure of the synthetic national list.
/// <paramref name="Sector"/> names the provincial department that owns it ("" for none);
/// <paramref name="ToCommune"/> marks district procedures that passed to communes on 2025-07-01.
/// </summary>
internal sealed record ProcedureSpec(
    string Code,
    string Name,
    string Field,
    string Sector,
    Levels Levels,
    int Days,
    long Fee,
    int MaxMode,
    bool RequiresResult,
    double Popularity,
    bool ToCommune = false);

/// <summary>
/// The synthetic national procedure list. Names are real-sounding Vietnamese procedures; codes are
/// shaped like national codes (1.00xxxx, 2.00xxxx) but were not checked against the national database,
/// and fees and time limits are plausible, not authoritative.
/// </summary>
internal static class ProcedureCatalog
{
    private const Levels P = Levels.Province;
    private const Levels H = Levels.District;
    private const Levels X = Levels.Commune;

    /// <summary>
    /// Variants a real catalog lists as separate procedures ("cấp lại", "điều chỉnh"...). They let a
    /// unit offer more procedures than the curated list holds, so any CatalogPairs target can be met.
    /// </summary>
    private static readonly string[] VariantSuffixes =
    [
        " (trường hợp cấp lại)",
        " (trường hợp điều chỉnh, bổ sung)",
        " (trường hợp gia hạn)",
        " (đối với tổ chức)",
        " (đối với cá nhân)",
        " (thực hiện liên thông)",
        " (có yếu tố nước ngoài)",
        " (trường hợp cấp đổi)",
    ];

    public static IReadOnlyList<ProcedureSpec> Base { get; } =
    [
        // Cấp xã: civil status, certification, social affairs.
        new("1.001193", "Đăng ký khai sinh", "Hộ tịch", "TP", X, 0, 0, 4, true, 10),
        new("1.000656", "Đăng ký khai tử", "Hộ tịch", "TP", X, 0, 0, 4, true, 4),
        new("1.000894", "Đăng ký kết hôn", "Hộ tịch", "TP", X, 0, 0, 3, true, 3),
        new("1.004873", "Cấp Giấy xác nhận tình trạng hôn nhân", "Hộ tịch", "TP", X, 3, 0, 4, true, 5),
        new("2.000635", "Cấp bản sao Trích lục hộ tịch", "Hộ tịch", "TP", X | H, 0, 8_000, 4, true, 5),
        new("1.001022", "Đăng ký nhận cha, mẹ, con", "Hộ tịch", "TP", X, 3, 0, 3, true, 0.5),
        new("1.004859", "Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch", "Hộ tịch", "TP", X, 3, 15_000, 3, true, 1.5),
        new("1.004746", "Đăng ký giám hộ", "Hộ tịch", "TP", X, 3, 0, 3, true, 0.3),
        new("1.001695", "Liên thông các thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi", "Hộ tịch", "TP", X, 5, 0, 4, true, 4),
        new("1.001707", "Liên thông các thủ tục hành chính về đăng ký khai tử, xóa đăng ký thường trú, hưởng chế độ tử tuất", "Hộ tịch", "TP", X, 4, 0, 4, true, 1),
        new("2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp hoặc chứng nhận", "Chứng thực", "TP", X | H, 0, 6_000, 3, true, 14),
        new("2.000884", "Chứng thực chữ ký trong các giấy tờ, văn bản", "Chứng thực", "TP", X | H, 0, 10_000, 2, true, 5),
        new("2.001035", "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và nhà ở", "Chứng thực", "TP", X | H, 2, 50_000, 2, true, 3),
        new("1.001776", "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng", "Bảo trợ xã hội", "LD", X, 10, 0, 3, true, 1.5),
        new("1.001731", "Giải quyết chế độ mai táng phí đối với cựu chiến binh", "Người có công", "LD", X, 5, 0, 3, true, 0.5),
        new("1.003003", "Hòa giải tranh chấp đất đai", "Đất đai", "TNMT", X, 45, 0, 2, true, 0.5),
        new("1.001055", "Đăng ký hoạt động tín ngưỡng", "Tín ngưỡng, tôn giáo", "NV", X, 15, 0, 3, true, 0.3),
        new("2.002163", "Hỗ trợ khôi phục sản xuất vùng bị thiệt hại do thiên tai, dịch bệnh", "Nông nghiệp", "NN", X, 10, 0, 2, true, 0.4),
        new("1.004492", "Cho phép nhóm trẻ, lớp mẫu giáo độc lập hoạt động", "Giáo dục mầm non", "GD", X, 15, 0, 3, true, 0.2),
        new("1.003622", "Thông báo tổ chức lễ hội", "Văn hóa cơ sở", "VH", X, 5, 0, 3, false, 0.2),

        // Cấp huyện (until 2025-07-01; the ToCommune ones pass to communes then).
        new("2.000720", "Đăng ký thành lập hộ kinh doanh", "Thành lập và hoạt động của hộ kinh doanh", "KHDT", H, 3, 100_000, 4, true, 8, ToCommune: true),
        new("2.000575", "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", "Thành lập và hoạt động của hộ kinh doanh", "KHDT", H, 3, 50_000, 4, true, 4, ToCommune: true),
        new("2.000588", "Thông báo tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo của hộ kinh doanh", "Thành lập và hoạt động của hộ kinh doanh", "KHDT", H, 3, 0, 4, false, 1.5, ToCommune: true),
        new("1.009994", "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", "Hoạt động xây dựng", "XD", H, 15, 75_000, 4, true, 5, ToCommune: true),
        new("1.009995", "Cấp giấy phép sửa chữa, cải tạo đối với nhà ở riêng lẻ", "Hoạt động xây dựng", "XD", H, 15, 75_000, 4, true, 1, ToCommune: true),
        new("1.004221", "Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu", "Đất đai", "TNMT", H, 20, 100_000, 3, true, 5, ToCommune: true),
        new("1.004227", "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do chuyển nhượng, tặng cho, thừa kế", "Đất đai", "TNMT", H, 10, 50_000, 3, true, 7, ToCommune: true),
        new("1.001669", "Đăng ký khai sinh có yếu tố nước ngoài", "Hộ tịch", "TP", H, 15, 75_000, 3, true, 0.5),
        new("1.000681", "Đăng ký kết hôn có yếu tố nước ngoài", "Hộ tịch", "TP", H, 15, 1_000_000, 3, true, 0.5),
        new("2.000633", "Cấp Giấy phép bán lẻ rượu", "Lưu thông hàng hóa trong nước", "CT", H, 10, 1_200_000, 4, true, 0.8, ToCommune: true),
        new("2.000629", "Cấp Giấy phép bán lẻ sản phẩm thuốc lá", "Lưu thông hàng hóa trong nước", "CT", H, 10, 1_200_000, 4, true, 0.5),
        new("1.005108", "Chuyển trường đối với học sinh trung học cơ sở", "Giáo dục trung học", "GD", H, 3, 0, 4, true, 2),
        new("2.000553", "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", "An toàn thực phẩm", "YT", H, 20, 500_000, 4, true, 0.8),
        new("1.002107", "Đăng ký môi trường", "Môi trường", "TNMT", H, 10, 0, 4, false, 0.5, ToCommune: true),
        new("1.005092", "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc", "Văn bằng, chứng chỉ", "GD", P | H, 1, 0, 4, true, 2),
        new("1.002519", "Giải quyết chế độ trợ cấp thờ cúng liệt sĩ", "Người có công", "LD", H, 12, 0, 3, true, 0.5),
        new("1.001029", "Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke", "Văn hóa", "VH", H, 5, 4_000_000, 4, true, 0.3),

        // Cấp tỉnh: departments and boards.
        new("2.001417", "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam", "Lý lịch tư pháp", "TP", P, 10, 200_000, 4, true, 8),
        new("2.000488", "Đăng ký hành nghề và cấp Thẻ công chứng viên", "Công chứng", "TP", P, 5, 500_000, 3, true, 0.3),
        new("2.000789", "Thành lập Văn phòng công chứng", "Công chứng", "TP", P, 20, 1_000_000, 3, true, 0.1),
        new("1.001926", "Xin nhập quốc tịch Việt Nam", "Quốc tịch", "TP", P, 115, 3_000_000, 2, true, 0.05),
        new("1.002398", "Đăng ký hoạt động của tổ chức hành nghề luật sư", "Luật sư", "TP", P, 10, 100_000, 3, true, 0.2),
        new("1.009972", "Cấp giấy phép xây dựng mới đối với công trình cấp I, cấp II", "Hoạt động xây dựng", "XD", P, 20, 150_000, 4, true, 0.8),
        new("1.009982", "Cấp chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III", "Hoạt động xây dựng", "XD", P, 20, 300_000, 4, true, 1),
        new("1.009989", "Cấp chứng chỉ năng lực hoạt động xây dựng hạng II, hạng III", "Hoạt động xây dựng", "XD", P, 20, 1_000_000, 4, true, 0.4),
        new("1.009976", "Thẩm định Báo cáo nghiên cứu khả thi đầu tư xây dựng", "Hoạt động xây dựng", "XD", P, 30, 1_500_000, 3, true, 0.4),
        new("1.010727", "Cấp giấy phép môi trường", "Môi trường", "TNMT", P, 30, 6_000_000, 3, true, 0.2),
        new("1.010731", "Thẩm định báo cáo đánh giá tác động môi trường", "Môi trường", "TNMT", P, 30, 8_000_000, 3, true, 0.2),
        new("1.004253", "Cấp giấy phép khai thác, sử dụng nước dưới đất", "Tài nguyên nước", "TNMT", P, 30, 400_000, 3, true, 0.2),
        new("1.004229", "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất của tổ chức", "Đất đai", "TNMT", P, 10, 50_000, 3, true, 1.5),
        new("1.004269", "Cung cấp dữ liệu đất đai", "Đất đai", "TNMT", P, 2, 50_000, 4, true, 2),
        new("2.001610", "Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên", "Thành lập và hoạt động doanh nghiệp", "KHDT", P, 3, 50_000, 4, true, 4),
        new("2.001199", "Đăng ký thành lập công ty cổ phần", "Thành lập và hoạt động doanh nghiệp", "KHDT", P, 3, 50_000, 4, true, 1.5),
        new("2.002035", "Đăng ký thay đổi nội dung đăng ký doanh nghiệp", "Thành lập và hoạt động doanh nghiệp", "KHDT", P, 3, 50_000, 4, true, 5),
        new("2.001240", "Thông báo tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo của doanh nghiệp", "Thành lập và hoạt động doanh nghiệp", "KHDT", P, 3, 0, 4, false, 2),
        new("2.001996", "Cấp Giấy chứng nhận đăng ký đầu tư đối với dự án không thuộc diện chấp thuận chủ trương đầu tư", "Đầu tư tại Việt Nam", "KHDT", P, 15, 0, 3, true, 0.3),
        new("1.002820", "Cấp đổi giấy phép lái xe do ngành Giao thông vận tải cấp", "Đường bộ", "GTVT", P, 5, 135_000, 4, true, 9),
        new("1.002804", "Cấp lại giấy phép lái xe", "Đường bộ", "GTVT", P, 10, 135_000, 3, true, 1.5),
        new("1.002793", "Cấp Giấy phép lái xe quốc tế", "Đường bộ", "GTVT", P, 5, 135_000, 4, true, 1),
        new("1.002859", "Cấp phù hiệu xe ô tô kinh doanh vận tải", "Đường bộ", "GTVT", P, 2, 0, 4, true, 3),
        new("1.002861", "Cấp Giấy phép kinh doanh vận tải bằng xe ô tô", "Đường bộ", "GTVT", P, 5, 200_000, 4, true, 0.5),
        new("1.003806", "Cấp chứng chỉ hành nghề khám bệnh, chữa bệnh đối với người Việt Nam", "Khám bệnh, chữa bệnh", "YT", P, 20, 360_000, 3, true, 1),
        new("1.003944", "Cấp giấy phép hoạt động đối với phòng khám đa khoa", "Khám bệnh, chữa bệnh", "YT", P, 30, 5_700_000, 3, true, 0.2),
        new("1.004616", "Cấp Chứng chỉ hành nghề dược", "Dược phẩm", "YT", P, 20, 500_000, 4, true, 0.8),
        new("1.004599", "Cấp Giấy chứng nhận đủ điều kiện kinh doanh dược cho cơ sở bán lẻ thuốc", "Dược phẩm", "YT", P, 20, 1_000_000, 4, true, 0.6),
        new("1.005095", "Chỉnh sửa nội dung văn bằng, chứng chỉ", "Văn bằng, chứng chỉ", "GD", P, 5, 0, 3, true, 0.3),
        new("1.004979", "Cho phép trung tâm ngoại ngữ, tin học hoạt động giáo dục", "Giáo dục và đào tạo thuộc hệ thống giáo dục quốc dân", "GD", P, 20, 0, 3, true, 0.1),
        new("1.005142", "Phúc khảo bài thi tốt nghiệp trung học phổ thông", "Thi, tuyển sinh", "GD", P, 15, 0, 4, true, 1),
        new("1.000459", "Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam", "Việc làm", "LD", P, 5, 600_000, 4, true, 2),
        new("1.000105", "Xác nhận người lao động nước ngoài không thuộc diện cấp giấy phép lao động", "Việc làm", "LD", P, 5, 0, 4, true, 0.5),
        new("1.001978", "Giải quyết hưởng trợ cấp thất nghiệp", "Việc làm", "LD", P, 20, 0, 4, true, 5),
        new("2.001955", "Đăng ký nội quy lao động của doanh nghiệp", "Lao động", "LD", P, 7, 0, 4, false, 0.3),
        new("2.002144", "Cấp hộ chiếu phổ thông ở trong nước", "Xuất nhập cảnh", "CA", P, 8, 200_000, 4, true, 4),
        new("2.001295", "Cấp Giấy chứng nhận đủ điều kiện về an ninh, trật tự để làm ngành, nghề đầu tư kinh doanh có điều kiện", "Quản lý ngành nghề kinh doanh có điều kiện về an ninh, trật tự", "CA", P, 5, 300_000, 4, true, 0.8),
        new("1.001936", "Đăng ký, cấp biển số xe lần đầu", "Đăng ký, quản lý phương tiện giao thông", "CA", P, 2, 150_000, 4, true, 3),
        new("2.000321", "Cấp Giấy chứng nhận đăng ký đầu tư cho dự án trong khu công nghiệp", "Đầu tư tại Việt Nam", "KCN", P, 15, 0, 4, true, 0.3),
        new("2.000342", "Cấp giấy phép lao động cho người lao động nước ngoài làm việc trong khu công nghiệp", "Việc làm", "KCN", P, 5, 600_000, 4, true, 1),
        new("2.000620", "Cấp Giấy phép bán buôn rượu", "Lưu thông hàng hóa trong nước", "CT", P, 10, 2_200_000, 4, true, 0.2),
        new("2.001283", "Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu", "Kinh doanh xăng dầu", "CT", P, 15, 1_200_000, 4, true, 0.2),
        new("2.000033", "Đăng ký tổ chức hội chợ, triển lãm thương mại", "Xúc tiến thương mại", "CT", P, 7, 0, 4, true, 0.3),
        new("1.003001", "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm nông, lâm, thủy sản", "Quản lý chất lượng nông lâm sản và thủy sản", "NN", P, 15, 700_000, 4, true, 0.3),
        new("1.004363", "Cấp Giấy chứng nhận đủ điều kiện buôn bán thuốc bảo vệ thực vật", "Bảo vệ thực vật", "NN", P, 20, 500_000, 4, true, 0.3),
        new("1.003781", "Kiểm dịch động vật, sản phẩm động vật vận chuyển ra khỏi địa bàn cấp tỉnh", "Thú y", "NN", P, 1, 40_000, 3, true, 2),
        new("1.001075", "Tổ chức biểu diễn nghệ thuật, trình diễn thời trang", "Nghệ thuật biểu diễn", "VH", P, 5, 0, 4, true, 0.3),
        new("1.004623", "Cấp Giấy phép kinh doanh dịch vụ lữ hành nội địa", "Lữ hành", "VH", P, 10, 3_000_000, 4, true, 0.1),
        new("1.005433", "Đăng ký mã số đơn vị có quan hệ với ngân sách", "Tin học, thống kê", "TC", P, 2, 0, 4, true, 2),
        new("1.003918", "Phê duyệt điều lệ hội", "Tổ chức phi chính phủ", "NV", P, 30, 0, 3, true, 0.1),
        new("1.000775", "Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "Thi đua, khen thưởng", "NV", P, 20, 0, 3, true, 0.5),
        new("1.004512", "Cấp giấy phép xuất bản bản tin", "Báo chí", "TT", P, 15, 0, 4, true, 0.05),
        new("2.001754", "Cho phép sử dụng thẻ đi lại của doanh nhân APEC", "Quản lý xuất nhập cảnh", "UB", P, 15, 0, 3, true, 0.2),
        new("1.009645", "Quyết định chủ trương đầu tư của Ủy ban nhân dân cấp tỉnh", "Đầu tư tại Việt Nam", "UB", P, 35, 0, 2, true, 0.1),
    ];

    /// <summary>
    /// Every procedure a unit of <paramref name="level"/> may offer, most fitting first: the unit's own
    /// sector, then by popularity, then the variants in the same order. Deterministic, no randomness:
    /// variant codes must be the same in every generated province.
    /// </summary>
    public static IReadOnlyList<ProcedureSpec> CandidatesFor(int level, string sector, bool afterReorganisation)
    {
        var own = new List<ProcedureSpec>();
        var others = new List<ProcedureSpec>();
        foreach (var procedure in Base)
        {
            if (!OfferedAt(procedure, level, afterReorganisation))
            {
                continue;
            }

            (sector.Length > 0 && procedure.Sector == sector ? own : others).Add(procedure);
        }

        own.Sort(ByPopularity);
        others.Sort(ByPopularity);
        var ordered = own.Concat(others).ToList();
        var result = new List<ProcedureSpec>(ordered.Count * (VariantSuffixes.Length + 1));
        result.AddRange(ordered);
        for (var v = 0; v < VariantSuffixes.Length; v++)
        {
            result.AddRange(ordered.Select(p => Variant(p, v)));
        }

        return result;
    }

    /// <summary>Popularity of a procedure by code, for a source read back from disk.</summary>
    public static double PopularityOf(string code) =>
        ByCode.TryGetValue(code, out var procedure) ? procedure.Popularity : 0.1;

    public static bool IsBase(string code) => BaseCodes.Contains(code);

    private static readonly Dictionary<string, ProcedureSpec> ByCode = BuildIndex();

    private static readonly HashSet<string> BaseCodes = new(Base.Select(p => p.Code), StringComparer.Ordinal);

    private static Dictionary<string, ProcedureSpec> BuildIndex()
    {
        var index = new Dictionary<string, ProcedureSpec>(StringComparer.Ordinal);
        foreach (var procedure in Base)
        {
            index.Add(procedure.Code, procedure);
            for (var v = 0; v < VariantSuffixes.Length; v++)
            {
                var variant = Variant(procedure, v);
                index.Add(variant.Code, variant);
            }
        }

        return index;
    }

    private static bool OfferedAt(ProcedureSpec procedure, int level, bool afterReorganisation) => level switch
    {
        1 => procedure.Levels.HasFlag(Levels.Province),
        2 => procedure.Levels.HasFlag(Levels.District),
        _ => procedure.Levels.HasFlag(Levels.Commune) || (afterReorganisation && procedure.ToCommune),
    };

    private static int ByPopularity(ProcedureSpec a, ProcedureSpec b)
    {
        var byPopularity = b.Popularity.CompareTo(a.Popularity);
        return byPopularity != 0 ? byPopularity : string.CompareOrdinal(a.Code, b.Code);
    }

    /// <summary>
    /// A variant's code keeps the base code's prefix and takes a number from 050000 up, which no curated
    /// code uses, derived from the base's position so it is stable.
    /// </summary>
    private static ProcedureSpec Variant(ProcedureSpec procedure, int variant)
    {
        var position = BasePosition(procedure.Code);
        var number = 50_000 + (variant * 1_000) + position;
        var prefix = procedure.Code[..procedure.Code.IndexOf('.', StringComparison.Ordinal)];
        return procedure with
        {
            Code = string.Create(CultureInfo.InvariantCulture, $"{prefix}.{number:D6}"),
            Name = procedure.Name + VariantSuffixes[variant],
            Popularity = procedure.Popularity * 0.12,
        };
    }

    private static int BasePosition(string code)
    {
        for (var i = 0; i < Base.Count; i++)
        {
            if (string.Equals(Base[i].Code, code, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new InvalidOperationException($"{code} is not a base procedure.");
    }
}
