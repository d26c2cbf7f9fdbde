using System.Data.Common;
using Dapper;
using KpiIngest.Data.Store.Dialects;

namespace KpiIngest.Data.Store;

/// <summary>
/// A store session's connection and the write transaction open on it, shared by the session's accessors. Every
/// command an accessor runs goes through here and so runs on the open transaction, if any: callers cannot forget
/// it. SqlClient refuses a command without the connection's pending transaction ("ExecuteReader requires the
/// command to have a transaction ..."); Npgsql and Microsoft.Data.Sqlite quietly run such a command in it, which is
/// why the SQLite and PostgreSQL runs never showed a forgotten one.
/// </summary>
public sealed class StoreCommands(DbConnection connection, StoreDialect dialect)
{
    // The open transaction itself, not its StoreTransaction: the caller owns and disposes that.
    private DbTransaction? _open;

    public DbConnection Connection => connection;

    public StoreDialect Dialect => dialect;

    /// <summary>The write transaction open on the session, or null.</summary>
    public DbTransaction? Transaction => _open;

    /// <summary>
    /// Begins the session's write transaction (the dialect's: taken so that concurrent writers queue). One at a time:
    /// no engine nests them on one connection.
    /// </summary>
    public StoreTransaction BeginWrite()
    {
        if (_open is not null)
        {
            throw new InvalidOperationException("A write transaction is already open on this store session.");
        }

        _open = dialect.BeginWrite(connection);
        return new StoreTransaction(this, _open);
    }

    /// <summary>The open transaction, for a write that only makes sense inside one (a page of facts, a snapshot date).</summary>
    public DbTransaction RequireTransaction() =>
        Transaction ?? throw new InvalidOperationException("This store write must run inside the session's write transaction (StoreSession.BeginWrite).");

    internal void Ended(DbTransaction transaction)
    {
        if (ReferenceEquals(_open, transaction))
        {
            _open = null;
        }
    }

    /// <summary>Runs a statement on the open transaction, if any; returns the driver's count of rows affected.</summary>
    public int Execute(string sql, object? parameters = null) => connection.Execute(sql, parameters, Transaction);

    /// <summary>Runs a write that belongs to the open transaction (for many rows, once per element of <paramref name="parameters"/>).</summary>
    public int Write(string sql, object? parameters = null) => connection.Execute(sql, parameters, RequireTransaction());

    /// <summary>
    /// Runs a write of the open transaction whose length grows with the store, without the connection's command timeout
    /// (<see cref="StoreDialect.UnboundedCommandTimeout"/>).
    /// </summary>
    public int WriteUnbounded(string sql) =>
        connection.Execute(sql, transaction: RequireTransaction(), commandTimeout: dialect.UnboundedCommandTimeout);

    /// <summary>
    /// Runs the statement <paramref name="name"/> and returns how many rows it changed, read so that no server
    /// default can hide it: on SQL Server a DBA's 'user options' with NOCOUNT make every "rows affected" -1, so its
    /// statements whose count matters end with <c>SELECT @@ROWCOUNT</c> and the count is that result.
    /// </summary>
    public int Changed(string name, object? parameters = null) =>
        dialect.SelectsRowCount
            ? connection.ExecuteScalar<int>(dialect.Sql(name), parameters, Transaction)
            : connection.Execute(dialect.Sql(name), parameters, Transaction);

    public T? Scalar<T>(string sql, object? parameters = null) => connection.ExecuteScalar<T>(sql, parameters, Transaction);

    public object? Scalar(string sql, object? parameters = null) => connection.ExecuteScalar(sql, parameters, Transaction);

    public IEnumerable<T> Query<T>(string sql, object? parameters = null) => connection.Query<T>(sql, parameters, Transaction);

    public DbDataReader Reader(string sql, object? parameters = null) => (DbDataReader)connection.ExecuteReader(sql, parameters, Transaction);

    /// <summary>
    /// The first column's values as the engine returned them (Dapper's Query&lt;object&gt; would return dynamic rows):
    /// what a date list is read with, before <see cref="StoreValue"/> converts it.
    /// </summary>
    public List<object> Column(string sql, object? parameters = null)
    {
        var values = new List<object>();
        using var reader = Reader(sql, parameters);
        while (reader.Read())
        {
            values.Add(reader.GetValue(0));
        }

        return values;
    }

    /// <summary>The rows of the query <paramref name="name"/> for typed reading (see <see cref="StoreRows"/>).</summary>
    public StoreRows Rows(string name, params (string Name, object? Value)[] parameters) =>
        dialect.Rows(connection, Transaction, name, parameters);
}

/// <summary>
/// The session's write transaction: while it is open every command of the session runs on it; committed, rolled
/// back or disposed, the session has none again.
/// </summary>
public sealed class StoreTransaction : IDisposable
{
    private readonly StoreCommands _owner;

    internal StoreTransaction(StoreCommands owner, DbTransaction inner)
    {
        _owner = owner;
        Inner = inner;
    }

    internal DbTransaction Inner { get; }

    public void Commit()
    {
        try
        {
            Inner.Commit();
        }
        finally
        {
            _owner.Ended(Inner);
        }
    }

    public void Rollback()
    {
        try
        {
            Inner.Rollback();
        }
        finally
        {
            _owner.Ended(Inner);
        }
    }

    public void Dispose()
    {
        _owner.Ended(Inner);
        Inner.Dispose();
    }
}
