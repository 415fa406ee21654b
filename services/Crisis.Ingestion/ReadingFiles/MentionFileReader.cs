using System.Buffers;
using System.IO.Pipelines;
using Crisis.Ingestion.ReceivingOverHttp;
using Crisis.Ingestion.Recording;

namespace Crisis.Ingestion.ReadingFiles;

/// <summary>
/// Streams a mention file (NDJSON, or CSV with a header row) as chunks of items, holding one chunk in memory
/// at a time, so a file of any size ingests in flat memory. The format is chosen by extension.
/// </summary>
public static class MentionFileReader
{
    public static bool IsCsv(string path) => path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    public static IAsyncEnumerable<IReadOnlyList<IntakeItem>> ReadChunksAsync(
        Stream stream, string path, int chunkSize, CancellationToken cancellationToken) =>
        IsCsv(path)
            ? MentionCsvReader.ReadChunksAsync(stream, chunkSize, cancellationToken)
            : ReadNdjsonChunksAsync(stream, chunkSize, cancellationToken);

    private static async IAsyncEnumerable<IReadOnlyList<IntakeItem>> ReadNdjsonChunksAsync(
        Stream stream, int chunkSize, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 256 * 1024, leaveOpen: true));
        var chunk = new List<IntakeItem>(chunkSize);
        var line = 0;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            while (TryReadLine(ref buffer, result.IsCompleted, out var lineBytes))
            {
                line++;
                if (ParseLine(lineBytes, line) is not { } item) continue;
                chunk.Add(item);
                if (chunk.Count < chunkSize) continue;
                // Consumed up to here, examined no further: the rest of the buffer is read again without waiting.
                reader.AdvanceTo(buffer.Start);
                yield return chunk;
                chunk = new List<IntakeItem>(chunkSize);
                result = await reader.ReadAsync(cancellationToken);
                buffer = result.Buffer;
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted) break;
        }
        await reader.CompleteAsync();
        if (chunk.Count > 0) yield return chunk;
    }

    private static IntakeItem? ParseLine(in ReadOnlySequence<byte> lineBytes, int line)
    {
        var bytes = lineBytes.IsSingleSegment ? lineBytes.FirstSpan : lineBytes.ToArray();
        if (line == 1 && bytes.StartsWith("\uFEFF"u8)) bytes = bytes[3..];
        return bytes.Trim("\r\t "u8).IsEmpty ? null : MentionBodyReader.ParseItem(bytes, line);
    }

    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, bool isCompleted, out ReadOnlySequence<byte> line)
    {
        var position = buffer.PositionOf((byte)'\n');
        if (position is { } end)
        {
            line = buffer.Slice(0, end);
            buffer = buffer.Slice(buffer.GetPosition(1, end));
            return true;
        }
        if (isCompleted && !buffer.IsEmpty)
        {
            line = buffer;
            buffer = buffer.Slice(buffer.End);
            return true;
        }
        line = default;
        return false;
    }
}
