using System.Data;
using Dapper;
using KpiIngest.Data.Dialects;

namespace KpiIngest.Data.Store.Dialects;

/// <summary>
/// A date or a timestamp as a store statement takes it: the engine's value, typed by its engine's dialect when Dapper (or
/// <see cref="StoreDialect.Rows"/>) adds it to the command. Untyped, SqlClient sends a DateTime as the legacy
/// <c>datetime</c> (steps of 1/300 s, so 12:00:00.002 is stored as .003) and a date at midnight as a datetime too.
/// </summary>
public sealed class StoreParameter : SqlMapper.ICustomQueryParameter
{
    private readonly EngineDialect _dialect;

    internal StoreParameter(object? value, StoreType type, EngineDialect dialect)
    {
        Value = value;
        Type = type;
        _dialect = dialect;
    }

    /// <summary>The engine's value (null for SQL NULL).</summary>
    public object? Value { get; }

    public StoreType Type { get; }

    public void AddParameter(IDbCommand command, string name)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = Value ?? DBNull.Value;
        _dialect.SetParameterType(parameter, Type);
        command.Parameters.Add(parameter);
    }
}
