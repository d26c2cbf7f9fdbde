using Microsoft.Extensions.Options;

namespace KpiIngest.Worker.Configuration;

/// <summary>
/// One section's checks as an <see cref="IValidateOptions{TOptions}"/>: <see cref="Check"/> stops at the first bad key
/// with its one sentence (<see cref="Require"/>), which becomes the validation failure the verb or the service reports.
/// </summary>
public abstract class SectionValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            Check(options);
            return ValidateOptionsResult.Success;
        }
        catch (ConfigurationException error)
        {
            return ValidateOptionsResult.Fail(error.Message);
        }
    }

    /// <summary>Throws <see cref="ConfigurationException"/> naming the first bad key of the section.</summary>
    protected abstract void Check(TOptions options);

    protected static void Require(bool condition, string sentence) => ConfigurationException.Require(condition, sentence);
}
