using KpiIngest.Core.Indicators;
using KpiIngest.Core.Snapshots;
using Shouldly;

namespace KpiIngest.Core.Tests.Indicators;

/// <summary>indicators.md, "The nine indicators" (numbers, stable codes, Vietnamese names) and "Scopes" (level names).</summary>
public sealed class IndicatorCatalogueTests
{
    [Theory]
    [InlineData(1, "ONLINE_DOSSIER", "Tỷ lệ hồ sơ trực tuyến")]
    [InlineData(2, "ONLINE_PAYMENT", "Tỷ lệ thanh toán trực tuyến phí, lệ phí")]
    [InlineData(3, "DIGITIZED", "Tỷ lệ số hóa thành phần hồ sơ")]
    [InlineData(4, "E_RESULT", "Tỷ lệ cấp kết quả điện tử")]
    [InlineData(5, "DATA_REUSE", "Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hóa")]
    [InlineData(6, "ONLINE_SERVICE_USED", "Tỷ lệ dịch vụ công trực tuyến có phát sinh hồ sơ trực tuyến")]
    [InlineData(7, "ONLINE_PAYMENT_USED", "Tỷ lệ TTHC cung cấp thanh toán trực tuyến có phát sinh thanh toán trực tuyến")]
    [InlineData(8, "ON_TIME", "Tỷ lệ hồ sơ giải quyết đúng hạn")]
    [InlineData(9, "FULL_ONLINE_DOSSIER", "Tỷ lệ hồ sơ trực tuyến toàn trình")]
    public void Get_Number_HasTheTablesCodeAndVietnameseName(int number, string code, string nameVi)
    {
        var definition = Core.Indicators.IndicatorCatalog.Get((IndicatorCode)number);

        definition.ShouldSatisfyAllConditions(
            () => definition.Number.ShouldBe(number),
            () => definition.Text.ShouldBe(code),
            () => definition.NameVi.ShouldBe(nameVi));
    }

    [Fact]
    public void All_Catalogue_HasNineIndicatorsInTableOrder()
    {
        Core.Indicators.IndicatorCatalog.All.Select(i => i.Number).ShouldBe([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    }

    [Theory]
    [InlineData("ONLINE_DOSSIER", IndicatorCode.OnlineDossier)]
    [InlineData("FULL_ONLINE_DOSSIER", IndicatorCode.FullOnlineDossier)]
    public void TryParse_StableCode_ReturnsIndicator(string text, IndicatorCode expected)
    {
        Core.Indicators.IndicatorCatalog.TryParse(text, out var code).ShouldBeTrue();
        code.ShouldBe(expected);
    }

    [Theory]
    [InlineData("ONLINE")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_UnknownCode_ReturnsFalse(string? text)
    {
        Core.Indicators.IndicatorCatalog.TryParse(text, out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData(ScopeKind.Province, "PROVINCE")]
    [InlineData(ScopeKind.Level, "LEVEL")]
    [InlineData(ScopeKind.Unit, "UNIT")]
    public void ScopeText_Kind_IsStableCode(ScopeKind scope, string expected)
    {
        scope.Text().ShouldBe(expected);
    }

    [Theory]
    [InlineData(1, "Cấp tỉnh")]
    [InlineData(2, "Cấp huyện")]
    [InlineData(3, "Cấp xã")]
    public void LevelName_Level_IsVietnameseLevelName(int level, string expected)
    {
        ScopeKinds.LevelName(level).ShouldBe(expected);
    }
}
