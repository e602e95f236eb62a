namespace CommandCenter.Ingest;

/// <summary>
/// The longest value each text field may have, on ingest and in console/admin request bodies: a longer value
/// is refused naming the field (never cut, never stored). Ids and codes are short; names and titles a line;
/// notes a paragraph. docs/security.md lists them.
/// </summary>
public static class FieldLimits
{
    public const int Id = 128, Code = 64, Name = 100, Title = 200, Note = 2000, Password = 200, ListItems = 100;

    /// <summary>The limit of a field by its (camelCase or PascalCase) name.</summary>
    public static int For(string field) => field.ToLowerInvariant() switch
    {
        "note" or "summary" => Note,
        "title" or "drillname" => Title,
        "actor" or "commander" or "displayname" or "department" or "departments" or "category" or "alarmkind" or "unitkind" or "sensorkind" or "item" or "stockchange"
            or "source" or "state" or "role" or "username" => Name,
        "gridcode" or "street" or "streets" or "drillstreets" or "code" => Code,
        "password" => Password,
        _ => Id, // ids: id, alarmId, caseId, incidentId, orderId, unitId, whistleId, workerId, drillId, requestId, route values
    };

    /// <summary>Why a value is too long ("note is longer than 2000 characters"), or null.</summary>
    public static string? Check(string field, string? value) => value is null ? null : Check(field, For(field), value);

    private static string? Check(string label, int limit, string value) =>
        value.Length > limit ? $"{label} is longer than {limit} characters" : !IsText(value) ? $"{label} is not valid text (a lone surrogate escape)" : null;

    /// <summary>No lone UTF-16 surrogate (JSON lets "\ud800" through; it cannot be stored as UTF-8). Vectorized for the common case.</summary>
    public static bool IsText(string value)
    {
        var span = value.AsSpan();
        var i = span.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (i < 0) return true;
        for (; i < span.Length; i++)
        {
            if (!char.IsSurrogate(span[i])) continue;
            if (!char.IsHighSurrogate(span[i]) || i + 1 == span.Length || !char.IsLowSurrogate(span[i + 1])) return false;
            i++;
        }
        return true;
    }

    /// <summary>The same for a list of values: at most <see cref="ListItems"/> items, each within the field's limit.</summary>
    public static string? Check(string field, IReadOnlyList<string>? values)
    {
        if (values is null) return null;
        if (values.Count > ListItems) return $"{field} holds more than {ListItems} items";
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is null) return $"{field}[{i}] is null";
            if (Check($"{field}[{i}]", For(field), values[i]) is { } bad) return bad;
        }
        return null;
    }

    /// <summary>Why a coordinate is unusable (not a finite number in range), or null.</summary>
    public static string? CheckCoordinate(string field, double? value, double limit) =>
        value is { } v && (!double.IsFinite(v) || Math.Abs(v) > limit) ? $"{field} must be a finite number within -{limit}..{limit}" : null;
}
