using System.Net;
using System.Security.Cryptography;
using System.Text;
using KpiIngest.Worker.Configuration;
using Microsoft.AspNetCore.Http;

namespace KpiIngest.Worker.Service;

/// <summary>
/// Who may read the dashboard (Service:Health:AccessKey, AllowAnonymous). An endpoint listening on loopback only is
/// open unless a key is set; one listening beyond loopback needs the key (ServiceSettingsCheck refuses to start without
/// one unless AllowAnonymous is true). The key comes in the X-Kpi-Access-Key header or through the login form, which
/// sets a cookie holding a digest of the key, never the key itself. Health and metrics stay open, as they were.
/// </summary>
public sealed class DashboardAccess
{
    public const string HeaderName = "X-Kpi-Access-Key";
    public const string CookieName = "kpi_dashboard";

    private readonly byte[]? _keyDigest;
    private readonly string? _cookieValue;

    public DashboardAccess(HealthOptions health)
    {
        ArgumentNullException.ThrowIfNull(health);
        if (!string.IsNullOrEmpty(health.AccessKey))
        {
            _keyDigest = Digest(health.AccessKey);

            // A cookie value derived from the key: a copied cookie opens the dashboard but does not reveal the key.
            _cookieValue = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(health.AccessKey), "kpi-dashboard-cookie"u8));
        }

        var beyondLoopback = !ListensOnLoopbackOnly(ServiceSettingsCheck.HealthUrls(health));
        Description = (_keyDigest is not null, beyondLoopback) switch
        {
            (true, _) => "the dashboard asks for the access key (Service:Health:AccessKey)",
            (false, true) => "the dashboard is open to anyone who reaches it (Service:Health:AllowAnonymous is true)",
            _ => "the dashboard is open on loopback only (no Service:Health:AccessKey set)",
        };
    }

    /// <summary>Which rule applies, for the start-up log line (never the key).</summary>
    public string Description { get; }

    public bool RequiresKey => _keyDigest is not null;

    /// <summary>True when the request carries the key in the header or the login cookie; compared in constant time.</summary>
    public bool Allows(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_keyDigest is null)
        {
            return true;
        }

        if (context.Request.Headers.TryGetValue(HeaderName, out var header) && Matches(header.ToString()))
        {
            return true;
        }

        return context.Request.Cookies.TryGetValue(CookieName, out var cookie) && cookie is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(cookie), Encoding.UTF8.GetBytes(_cookieValue!));
    }

    /// <summary>True when <paramref name="candidate"/> is the key (both hashed first, so the comparison's time says nothing about it).</summary>
    public bool Matches(string? candidate) =>
        _keyDigest is not null && candidate is not null && CryptographicOperations.FixedTimeEquals(Digest(candidate), _keyDigest);

    /// <summary>Lets this browser in: the cookie, HTTP-only, same-site, for the session.</summary>
    public void SignIn(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Append(CookieName, _cookieValue ?? "", new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
    }

    /// <summary>True when every URL's host is a loopback address or localhost.</summary>
    public static bool ListensOnLoopbackOnly(IEnumerable<string> urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        return urls.All(url =>
        {
            var probe = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(probe, UriKind.Absolute, out var uri))
            {
                return false;
            }

            return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
        });
    }

    private static byte[] Digest(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));
}
