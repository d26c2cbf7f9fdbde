using MimeKit;

namespace KpiIngest.Worker.Email;

/// <summary>
/// Without an SMTP host: each message becomes an .eml file a person can open or a pickup agent can relay. It is
/// written to a .tmp file in the same folder, flushed to disk and only then renamed to its .eml name, so whoever
/// watches the folder for *.eml never sees half a message, not even after a power loss.
/// </summary>
public sealed class PickupDirectoryMailTransport(string directory) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(message);
        Directory.CreateDirectory(directory);
        var name = Guid.NewGuid().ToString("N");
        var temporary = Path.Combine(directory, name + ".tmp");
        try
        {
            // 7-bit transfer encodings, as a relay that takes the file would need on any hop.
            message.Prepare(EncodingConstraint.SevenBit);
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 16 * 1024, useAsync: true))
            {
                await message.WriteToAsync(file, cancellation);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, Path.Combine(directory, name + ".eml"));
        }
        finally
        {
            File.Delete(temporary); // nothing there after the rename; a half-written file when the write failed
        }
    }
}
