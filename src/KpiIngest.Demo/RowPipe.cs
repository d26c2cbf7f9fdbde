using System.Collections.Concurrent;

namespace KpiIngest.Demo;

/// <summary>
/// Hands dossier rows from one producer thread to one consumer in recycled batches: a few batches in
/// flight at most, so a generation of millions of rows holds only thousands in memory.
/// </summary>
internal sealed class RowPipe : IDisposable
{
    private const int BatchSize = 2_048;

    private readonly BlockingCollection<(HoSoRow[] Rows, int Count)> _full = new(boundedCapacity: 4);
    private readonly ConcurrentQueue<HoSoRow[]> _empty = new();
    private readonly CancellationTokenSource _cancel = new();
    private HoSoRow[]? _batch;
    private int _count;

    /// <summary>Producer: the row to fill next; <see cref="Commit"/> hands it over.</summary>
    public HoSoRow Next() => (_batch ??= Rent())[_count];

    /// <summary>Producer: the row returned by <see cref="Next"/> is complete.</summary>
    public void Commit()
    {
        if (++_count == BatchSize)
        {
            Flush();
        }
    }

    /// <summary>Producer: no more rows. Also called when the producer fails, so the consumer ends.</summary>
    public void CompleteAdding()
    {
        try
        {
            if (_count > 0 && !_cancel.IsCancellationRequested)
            {
                Flush();
            }
        }
        finally
        {
            _full.CompleteAdding();
        }
    }

    /// <summary>Consumer: every committed row, in order. A row is valid until the next one is taken.</summary>
    public IEnumerable<HoSoRow> Drain()
    {
        foreach (var (rows, count) in _full.GetConsumingEnumerable(_cancel.Token))
        {
            for (var i = 0; i < count; i++)
            {
                yield return rows[i];
            }

            _empty.Enqueue(rows);
        }
    }

    /// <summary>Consumer failed: the producer stops at its next hand-over.</summary>
    public void Cancel() => _cancel.Cancel();

    public void Dispose()
    {
        _full.Dispose();
        _cancel.Dispose();
    }

    private void Flush()
    {
        _full.Add((_batch!, _count), _cancel.Token);
        _batch = null;
        _count = 0;
    }

    private HoSoRow[] Rent()
    {
        if (_empty.TryDequeue(out var rows))
        {
            return rows;
        }

        rows = new HoSoRow[BatchSize];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = new HoSoRow();
        }

        return rows;
    }
}
