using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KpiIngest.Worker.Email;

/// <summary>
/// Email:Smtp:ServerCertificateThumbprint: the SHA-256 (64 hex digits) or SHA-1 (40) hash of the one server
/// certificate to accept without a trusted chain. Colons and spaces are allowed between the digits, as
/// <c>openssl x509 -fingerprint</c> and the Windows certificate dialog print them.
/// </summary>
public sealed class CertificateThumbprint
{
    private readonly byte[] _hash;

    private CertificateThumbprint(byte[] hash) => _hash = hash;

    public static bool TryParse(string? text, out CertificateThumbprint? thumbprint)
    {
        thumbprint = null;
        var digits = string.Concat((text ?? "").Where(c => c is not (':' or ' ' or '\t')));
        if (digits.Length is not (40 or 64) || !digits.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        thumbprint = new CertificateThumbprint(Convert.FromHexString(digits));
        return true;
    }

    /// <summary>Whether <paramref name="certificate"/> is the pinned one, by the hash of its DER encoding.</summary>
    public bool Matches(X509Certificate certificate)
    {
        var algorithm = _hash.Length == SHA256.HashSizeInBytes ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA1;
        return CryptographicOperations.FixedTimeEquals(certificate.GetCertHash(algorithm), _hash);
    }

    /// <summary>The SHA-256 thumbprint as this setting takes it, for an error that tells an operator what to pin.</summary>
    public static string Sha256Of(X509Certificate certificate) =>
        certificate.GetCertHashString(HashAlgorithmName.SHA256).ToUpper(CultureInfo.InvariantCulture);
}
