using System.Reflection;
using KpiIngest.Data;
using KpiIngest.Data.Source;
using KpiIngest.Worker.Pipeline;
using Microsoft.Data.SqlClient;
using Shouldly;
using Xunit;

namespace KpiIngest.IntegrationTests.Faults;

/// <summary>
/// Which faults are retried. SqlException never overrides DbException.IsTransient (it is always false), so before
/// <see cref="TransientFaults"/> no SQL Server fault, not even a deadlock victim, was ever retried.
/// </summary>
public sealed class TransientFaultTests
{
    [Theory]
    [InlineData(1205)] // deadlock victim
    [InlineData(-2)] // client command timeout
    [InlineData(1222)] // lock request timeout
    [InlineData(4060)] // database unavailable at login (restart, failover)
    [InlineData(40197)] // failover (Azure SQL)
    [InlineData(40501)] // service busy
    [InlineData(40613)] // database not currently available
    [InlineData(49918)]
    [InlineData(233)] // the server closed the session
    [InlineData(64)] // the connection dropped
    [InlineData(10054)] // connection forcibly closed
    [InlineData(10060)]
    [InlineData(10928)]
    public void IsTransientSqlServerError_RetryableNumber_True(int number) =>
        TransientFaults.IsTransientSqlServerError(number).ShouldBeTrue();

    [Theory]
    [InlineData(208)] // invalid object name
    [InlineData(229)] // permission denied
    [InlineData(2627)] // primary key violation
    [InlineData(547)] // constraint conflict
    [InlineData(18456)] // login failed: a wrong password does not heal
    [InlineData(102)] // syntax error
    public void IsTransientSqlServerError_PermanentNumber_False(int number) =>
        TransientFaults.IsTransientSqlServerError(number).ShouldBeFalse();

    [Fact]
    public void IsTransient_SqlExceptionOfADeadlockVictim_True()
    {
        var deadlock = SqlExceptionWith(1205);

        deadlock.IsTransient.ShouldBeFalse("SqlClient itself says no: this is why it is classified here");
        TransientFaults.IsTransient(deadlock).ShouldBeTrue();
        SourceResilience.IsTransient(deadlock).ShouldBeTrue();
        StoreResilience.IsTransient(deadlock).ShouldBeTrue();
    }

    [Fact]
    public void IsTransient_SqlExceptionOfAPermissionDenied_False()
    {
        var denied = SqlExceptionWith(229);

        SourceResilience.IsTransient(denied).ShouldBeFalse();
        StoreResilience.IsTransient(denied).ShouldBeFalse();
    }

    [Fact]
    public void IsTransient_WrappedTimeout_True() =>
        StoreResilience.IsTransient(new InvalidOperationException("wrapped", SqlExceptionWith(-2))).ShouldBeTrue();

    [Fact]
    public void StoreResilience_SourceFaultAlreadyRetriedBySourcePipeline_NotRetriedAgain() =>
        StoreResilience.IsTransient(new SourceUnavailableException("Reading the source failed", SqlExceptionWith(1205))).ShouldBeFalse();

    /// <summary>
    /// A SqlException carrying one error of <paramref name="number"/>. SqlClient has no public constructor for it; tests
    /// build one the usual way, through the internal SqlError constructor, SqlErrorCollection.Add and
    /// SqlException.CreateException(SqlErrorCollection, string).
    /// </summary>
    internal static SqlException SqlExceptionWith(int number)
    {
        var errorConstructor = typeof(SqlError).GetConstructors(BindingFlags.NonPublic | BindingFlags.Instance)
            .OrderBy(c => c.GetParameters().Length)
            .First(c => c.GetParameters().FirstOrDefault()?.ParameterType == typeof(int));
        var arguments = errorConstructor.GetParameters().Select((p, i) => i == 0 ? number : Default(p.ParameterType)).ToArray();
        var error = (SqlError)errorConstructor.Invoke(arguments);
        var errors = (SqlErrorCollection)Activator.CreateInstance(typeof(SqlErrorCollection), nonPublic: true)!;
        typeof(SqlErrorCollection).GetMethod("Add", BindingFlags.NonPublic | BindingFlags.Instance)!.Invoke(errors, [error]);
        var create = typeof(SqlException).GetMethod("CreateException", BindingFlags.NonPublic | BindingFlags.Static,
            [typeof(SqlErrorCollection), typeof(string)])!;
        return (SqlException)create.Invoke(null, [errors, "16.0.0"])!;

        static object? Default(Type type) => type == typeof(string) ? "test" : type.IsValueType ? Activator.CreateInstance(type) : null;
    }
}
