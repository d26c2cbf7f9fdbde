using System.Globalization;

namespace KpiIngest.Demo;

/// <summary>One row of dm_don_vi. <paramref name="Sector"/> ties a provincial department to its procedures.</summary>
internal sealed record UnitSpec(
    string Id,
    string? ParentId,
    string Name,
    int Level,
    DateOnly? ActiveFrom,
    DateOnly? ActiveTo,
    string Sector);

/// <summary>
/// The units of the synthetic province "Tỉnh Sơn Hà". Sơn Hà is fictional: no real province has that
/// name, place names are random combinations of common syllables, and any resemblance to a real unit
/// is chance. The shape follows the real 2025 reorganisation: district People's Committees exist until
/// 2025-06-30, and some communes merge into new ones that start on 2025-07-01.
/// </summary>
internal static class ProvinceLayout
{
    public const string ProvinceName = "Tỉnh Sơn Hà";

    private const string ProvinceCode = "H99";

    private static readonly DateOnly LastDayBeforeReorganisation = WorkCalendar.Reorganisation.AddDays(-1);

    private static readonly (string Name, string Sector)[] ProvincialUnits =
    [
        ("UBND tỉnh Sơn Hà", "UB"),
        ("Sở Tư pháp", "TP"),
        ("Sở Xây dựng", "XD"),
        ("Sở Tài nguyên và Môi trường", "TNMT"),
        ("Sở Kế hoạch và Đầu tư", "KHDT"),
        ("Sở Giao thông vận tải", "GTVT"),
        ("Sở Y tế", "YT"),
        ("Sở Giáo dục và Đào tạo", "GD"),
        ("Sở Lao động - Thương binh và Xã hội", "LD"),
        ("Công an tỉnh", "CA"),
        ("Ban Quản lý các khu công nghiệp", "KCN"),
        ("Sở Công Thương", "CT"),
        ("Sở Nông nghiệp và Phát triển nông thôn", "NN"),
        ("Sở Văn hóa, Thể thao và Du lịch", "VH"),
        ("Sở Tài chính", "TC"),
        ("Sở Nội vụ", "NV"),
        ("Sở Thông tin và Truyền thông", "TT"),
        ("Sở Khoa học và Công nghệ", ""),
        ("Sở Ngoại vụ", ""),
        ("Thanh tra tỉnh", ""),
        ("Ban Dân tộc", ""),
        ("Văn phòng Đăng ký đất đai tỉnh", "TNMT"),
        ("Trung tâm Dịch vụ việc làm tỉnh", "LD"),
        ("Ban Quản lý Khu kinh tế", "KCN"),
    ];

    private static readonly string[] Syllables =
    [
        "An", "Bình", "Phú", "Thạnh", "Hòa", "Tân", "Đông", "Tây", "Nam", "Bắc", "Long", "Phước", "Thuận",
        "Vĩnh", "Hưng", "Mỹ", "Quang", "Trung", "Hải", "Lâm", "Đức", "Thanh", "Xuân", "Hiệp", "Lộc",
        "Định", "Khánh", "Minh", "Hà", "Sơn", "Cát", "Thái", "Phong", "Nghĩa", "Hội", "Lợi", "Yên", "Kim",
        "Ninh", "Tường",
    ];

    /// <summary>
    /// About 10% provincial units, 10% districts, 80% communes; at least one of each, so any count from
    /// 5 up works. Names depend on <paramref name="random"/>; ids depend only on the counts.
    /// </summary>
    public static IReadOnlyList<UnitSpec> Build(int count, Random random)
    {
        var provincial = Math.Max(1, (int)Math.Round(count * 0.1, MidpointRounding.AwayFromZero));
        var districts = Math.Max(1, (int)Math.Round(count * 0.1, MidpointRounding.AwayFromZero));
        var communes = count - provincial - districts;
        var merged = communes / 5;
        var absorbed = Math.Min(2 * merged, communes - merged);
        var kept = communes - merged - absorbed;

        var names = new PlaceNames(random);
        var units = new List<UnitSpec>(count);

        for (var i = 0; i < provincial; i++)
        {
            var (name, sector) = ProvincialUnits[i % ProvincialUnits.Length];
            if (i >= ProvincialUnits.Length)
            {
                name = Invariant($"{name} - Chi nhánh {(i / ProvincialUnits.Length) + 1}");
            }

            units.Add(new(Invariant($"000.00.{i:D2}.{ProvinceCode}"), i == 0 ? null : units[0].Id, name, 1, null, null, sector));
        }

        var provinceId = units[0].Id;
        var districtUnits = new List<(UnitSpec Unit, int Number, bool Urban)>(districts);
        for (var d = 0; d < districts; d++)
        {
            var number = 21 + d;
            var (name, urban) = d switch
            {
                0 => ("UBND thành phố Sơn Hà", true),
                1 => ("UBND thị xã " + names.Next(), true),
                _ => ("UBND huyện " + names.Next(), false),
            };
            var unit = new UnitSpec(Invariant($"000.{number:D2}.00.{ProvinceCode}"), provinceId, name, 2, null, LastDayBeforeReorganisation, "");
            units.Add(unit);
            districtUnits.Add((unit, number, urban));
        }

        // Communes that existed before the reorganisation hang under a district: absorbed ones (gone on
        // 2025-06-30) keep that parent, kept ones now report to the province directly, as every commune
        // does after the districts were abolished.
        var commune = 0;
        for (var c = 0; c < absorbed + kept; c++)
        {
            var (district, number, urban) = districtUnits[c % districts];
            var absorbedOne = c < absorbed;
            var kind = urban ? "phường" : c / districts == 0 && absorbedOne ? "thị trấn" : "xã";
            commune++;
            units.Add(new(
                Invariant($"{commune:D3}.{number:D2}.00.{ProvinceCode}"),
                absorbedOne ? district.Id : provinceId,
                $"UBND {kind} {names.Next()}",
                3,
                null,
                absorbedOne ? LastDayBeforeReorganisation : null,
                ""));
        }

        for (var c = 0; c < merged; c++)
        {
            var kind = merged >= 3 && c == merged - 1 ? "đặc khu" : c % 2 == 0 ? "xã" : "phường";
            commune++;
            units.Add(new(
                Invariant($"{commune:D3}.00.00.{ProvinceCode}"),
                provinceId,
                $"UBND {kind} {names.Next()}",
                3,
                WorkCalendar.Reorganisation,
                null,
                ""));
        }

        return units;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Distinct two-syllable place names ("Phú Lâm"); numbered once the combinations run out.</summary>
    private sealed class PlaceNames(Random random)
    {
        private readonly HashSet<string> _used = new(StringComparer.Ordinal);

        public string Next()
        {
            for (var attempt = 0; attempt < 50; attempt++)
            {
                var first = Syllables[random.Next(Syllables.Length)];
                var second = Syllables[random.Next(Syllables.Length)];
                var name = first + " " + second;
                if (first != second && _used.Add(name))
                {
                    return name;
                }
            }

            var numbered = Syllables[random.Next(Syllables.Length)] + " " + (_used.Count + 1).ToString(CultureInfo.InvariantCulture);
            _used.Add(numbered);
            return numbered;
        }
    }
}
