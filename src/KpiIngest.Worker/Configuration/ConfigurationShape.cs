using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace KpiIngest.Worker.Configuration;

/// <summary>
/// Checks one section's raw values against the shape of its options type before the binder sees them. The binder
/// silently skips a list element or dictionary value it cannot convert (a target written "fifty" simply vanished),
/// takes a single value where a list is expected as an empty list, and reads culture-free text loosely ("5" is five
/// days as a TimeSpan); here each of those is one sentence naming the key. Values are never shown: a key given the
/// wrong value may be next to one holding a password, and the number a sentence suggests is rebuilt, not echoed.
/// </summary>
public static partial class ConfigurationShape
{
    /// <summary>The first value in <paramref name="section"/> that <typeparamref name="T"/> cannot hold, as a sentence; null when all fit.</summary>
    public static string? FirstError<T>(IConfiguration configuration, string section)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var root = configuration.GetSection(section);
        return root.Exists() ? Check(root, typeof(T)) : null;
    }

    private static string? Check(IConfigurationSection section, Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var children = section.GetChildren().ToList();
        if (type == typeof(string))
        {
            return children.Count == 0 ? null : $"{section.Path} must be a single value, not a section or a list.";
        }

        if (IsScalar(type))
        {
            return children.Count == 0 ? Scalar(section, type) : $"{section.Path} must be a single value, not a section or a list.";
        }

        if (children.Count == 0)
        {
            // A JSON [] or {} reads as a key with no value: an empty list, dictionary or section.
            return string.IsNullOrEmpty(section.Value) ? null : NotASection(section, type);
        }

        if (ListElement(type) is { } element)
        {
            foreach (var child in children)
            {
                if (!int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    return $"{section.Path} must be a list (JSON [ ... ]), not a section.";
                }

                if (Check(child, element) is { } error)
                {
                    return error;
                }
            }

            return null;
        }

        if (DictionaryValue(type) is { } value)
        {
            return children.Select(child => Check(child, value)).FirstOrDefault(error => error is not null);
        }

        foreach (var child in children)
        {
            var property = type.GetProperty(child.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is not { CanWrite: true })
            {
                var known = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => p.Name);
                return $"{child.Path} is not a setting KpiIngest knows: check its spelling (the settings here are {string.Join(", ", known)}).";
            }

            if (Check(child, property.PropertyType) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    private static string NotASection(IConfigurationSection section, Type type) =>
        ListElement(type) is not null
            ? $"{section.Path} must be a list (JSON [ ... ]), not a single value."
            : $"{section.Path} must be a section (JSON {{ ... }}), not a single value.";

    private static bool IsScalar(Type type) =>
        type == typeof(int) || type == typeof(long) || type == typeof(decimal) || type == typeof(bool) || type == typeof(TimeSpan);

    private static Type? ListElement(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GetGenericArguments()[0]
        : type.IsArray ? type.GetElementType()
        : null;

    private static Type? DictionaryValue(Type type) =>
        type.IsGenericType && typeof(IDictionary).IsAssignableFrom(type) ? type.GetGenericArguments()[1] : null;

    private static string? Scalar(IConfigurationSection section, Type type)
    {
        var text = section.Value?.Trim() ?? "";
        if (type == typeof(bool))
        {
            return bool.TryParse(text, out _) ? null : $"{section.Path} must be true or false.";
        }

        if (type == typeof(TimeSpan))
        {
            return Duration().IsMatch(text) && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out _)
                ? null
                : $"{section.Path} must be a duration written [d.]hh:mm:ss, e.g. 00:05:00 for five minutes.";
        }

        if (type == typeof(decimal))
        {
            if (DecimalComma().IsMatch(text))
            {
                return $"{section.Path} has a decimal comma: write decimals with a point, e.g. {text.Replace(',', '.')} (a comma is ambiguous: 60,000 could mean 60 or 60000).";
            }

            return Decimal().IsMatch(text) && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _)
                ? null
                : $"{section.Path} must be a number written with digits and an optional decimal point, e.g. 50 or 50.5.";
        }

        var fits = type == typeof(int)
            ? int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
            : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
        return fits ? null : $"{section.Path} must be a whole number written with digits only, e.g. 1000.";
    }

    [GeneratedRegex(@"^-?(\d+\.)?\d{1,2}:\d{2}(:\d{2}(\.\d{1,7})?)?$")]
    private static partial Regex Duration();

    [GeneratedRegex(@"^-?\d+,\d+$")]
    private static partial Regex DecimalComma();

    [GeneratedRegex(@"^-?\d+(\.\d+)?$")]
    private static partial Regex Decimal();
}
