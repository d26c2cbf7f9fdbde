using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using KpiIngest.Core.Periods;
using KpiIngest.Worker.Email;
using KpiIngest.Worker.Configuration;
using KpiIngest.Worker.Display;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KpiIngest.Worker.Service;

/// <summary>
/// The OPS route (Email:Recipients with Scope OPS): the service's own trouble and its recovery, mailed to the
/// operators as it is noticed. A notice that cannot be delivered throws, and the service offers it again
/// after its next job (see <see cref="IOpsNotifier"/>), so none is lost to a mail server that is down.
/// </summary>
public sealed class EmailOpsNotifier(IOptions<EmailOptions> email, IOptions<ProvinceOptions> provinceOptions, SourceClock clock, IMailTransport transport, ILogger<EmailOpsNotifier> logger) : IOpsNotifier
{
    private readonly IReadOnlyList<string> _operators = new RecipientRouter(email.Value.Recipients).OpsAddresses;

    public async ValueTask NotifyAsync(OpsNotice notice, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(notice);
        logger.LogWarning("OPS {Kind}: {Summary} ({Details})", notice.Kind, notice.Summary, string.Join(" | ", notice.Details));
        var province = string.IsNullOrWhiteSpace(provinceOptions.Value.Name) ? "KpiIngest" : provinceOptions.Value.Name;
        var subject = notice.Kind == OpsNoticeKind.Problem
            ? $"[KpiIngest] {province}: dịch vụ gặp sự cố - {notice.Summary}"
            : $"[KpiIngest] {province}: dịch vụ đã hoạt động lại - {notice.Summary}";
        var body = new StringBuilder()
            .AppendLine(subject)
            .AppendLine(CultureInfo.InvariantCulture, $"Thời điểm: {VietnameseFormat.Moment(notice.At, clock.Zone)}")
            .AppendLine();
        foreach (var detail in notice.Details)
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"- {detail}");
        }

        body.AppendLine().AppendLine("Xem kpi_run trong kho KPI và nhật ký của dịch vụ (logs/) để biết chi tiết.");
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{notice.Kind}|{notice.At:O}|{notice.Summary}")))[..32];
        foreach (var address in _operators)
        {
            using var message = MailComposer.Compose(email.Value.From, address, subject, $"<ops-{id}@kpi-ingest>", body.ToString());
            await transport.SendAsync(message, cancellation);
        }
    }
}
