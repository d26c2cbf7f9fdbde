using System.Globalization;
using KpiIngest.Core.Periods;
using KpiIngest.Data.Store;
using KpiIngest.Worker.Pipeline;
using KpiIngest.Worker.Reports.Overview;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KpiIngest.Worker.Service;

/// <summary>
/// The read-only dashboard on the health endpoint: `/` (the province) and `/unit/{id}`, for ?date=yyyy-MM-dd and
/// ?period=DAY|MTD|QTD|YTD (default the latest snapshot date and MTD), drawn by the same <see cref="OverviewPage"/> as
/// `report --format html`; `/login` takes the access key. Each request reads the store on a read-only session of its own.
/// </summary>
public static class DashboardRoutes
{
    private const string Html = "text/html; charset=utf-8";

    public static void Map(WebApplication app, DashboardAccess access, StoreDatabase store, OverviewReader reader)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(access);
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            var open = path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics") || path.StartsWithSegments("/login");
            if (open || access.Allows(context))
            {
                await next(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.ContentType = Html;
            await context.Response.WriteAsync(LoginPage(failed: false, returnTo: path + context.Request.QueryString));
        });

        app.MapGet("/", (HttpRequest request) => Page(request, store, reader, unitId: null));
        app.MapGet("/unit/{id}", (HttpRequest request, string id) => Page(request, store, reader, id));
        app.MapGet("/login", () => Results.Content(LoginPage(failed: false, returnTo: "/"), Html));
        app.MapPost("/login", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var returnTo = form["returnTo"].ToString();
            if (!returnTo.StartsWith('/') || returnTo.StartsWith("//", StringComparison.Ordinal))
            {
                // Only a path of this dashboard: never a redirect to another site.
                returnTo = "/";
            }

            if (!access.Matches(form["key"].ToString()))
            {
                return Results.Content(LoginPage(failed: true, returnTo), Html, statusCode: StatusCodes.Status401Unauthorized);
            }

            access.SignIn(context.Response);
            return Results.Redirect(returnTo);
        });
    }

    private static IResult Page(HttpRequest request, StoreDatabase store, OverviewReader reader, string? unitId)
    {
        DateOnly? date = null;
        if (request.Query["date"].ToString() is { Length: > 0 } dateText)
        {
            if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return Results.Text($"Ngày '{dateText}' không hợp lệ: dùng dạng yyyy-MM-dd.", "text/plain; charset=utf-8", statusCode: 400);
            }

            date = parsed;
        }

        var period = PeriodKind.Mtd;
        if (request.Query["period"].ToString() is { Length: > 0 } periodText
            && (!PeriodKinds.TryParse(periodText, out period) || !reader.Periods.Contains(period)))
        {
            return Results.Text($"Kỳ '{periodText}' không có: chọn một trong {string.Join(", ", reader.Periods.Select(p => p.Text()))}.",
                "text/plain; charset=utf-8", statusCode: 400);
        }

        using var session = StoreReading.Open(store);
        var overview = reader.Read(session, date, period, unitId);
        return overview is null
            ? Results.Text($"Không có đơn vị '{unitId}'.", "text/plain; charset=utf-8", statusCode: 404)
            : Results.Content(OverviewPage.Render(overview, OverviewMode.Service), Html);
    }

    private static string LoginPage(bool failed, string returnTo) =>
        "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Đăng nhập bảng chỉ số</title>"
        + "<style>body{font-family:\"Segoe UI\",Roboto,Arial,sans-serif;margin:3rem}input{margin:.3rem}</style></head><body>"
        + "<h1>Bảng chỉ số dịch vụ công</h1><form id=\"login\" method=\"post\" action=\"/login\">"
        + (failed ? "<p class=\"error\">Khóa truy cập không đúng.</p>" : "")
        + "<label>Khóa truy cập <input type=\"password\" name=\"key\" autocomplete=\"current-password\"></label>"
        + "<input type=\"hidden\" name=\"returnTo\" value=\"" + System.Net.WebUtility.HtmlEncode(returnTo) + "\">"
        + "<button type=\"submit\">Đăng nhập</button></form></body></html>\n";
}
