using CommandCenter.Geography;

namespace CommandCenter.Plans;

/// <summary>One thing wrong with a plan, naming its field as the API and the editor do (<c>steps[2].unitKind</c>).</summary>
public sealed record PlanError(string Field, string Message);

/// <summary>
/// Whether a plan can be saved: every rule of the plan and of each step's action, all errors at once, each naming its
/// field. A field that does not belong to the step's action (a count on a notify step) is an error, not dropped: the
/// admin sees what was ignored instead of losing it silently. The version, saved-at and saved-by are the library's.
/// </summary>
public static class PlanValidator
{
    /// <summary>Validates against the county's points of interest and streets.</summary>
    public static IReadOnlyList<PlanError> Validate(PlanDefinition plan, CountyMap map)
    {
        var pois = map.Pois.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var streets = map.Streets.Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
        return Validate(plan, pois.Contains, streets.Contains);
    }

    public static IReadOnlyList<PlanError> Validate(PlanDefinition plan, Func<string, bool> poiExists, Func<string, bool> streetExists)
    {
        var errors = new List<PlanError>();
        void Error(string field, string message) => errors.Add(new(field, message));

        if (!IsSlug(plan.Id, PlanVocabulary.MaxIdLength)) Error("id", $"id must be 1–{PlanVocabulary.MaxIdLength} characters of a–z, 0–9 and - (not first)");
        if (Text("name", plan.Name, PlanVocabulary.MaxNameLength) is { } nameError) Error("name", nameError);

        if (plan.AlarmKinds is not { Count: > 0 }) Error("alarmKinds", "at least one alarm kind is required");
        else
            for (var i = 0; i < plan.AlarmKinds.Count; i++)
                if (!PlanVocabulary.AlarmKinds.Contains(plan.AlarmKinds[i]))
                    Error($"alarmKinds[{i}]", $"'{plan.AlarmKinds[i]}' is not an alarm kind ({string.Join(", ", PlanVocabulary.AlarmKinds)})");
                else if (plan.AlarmKinds.Take(i).Contains(plan.AlarmKinds[i])) Error($"alarmKinds[{i}]", $"'{plan.AlarmKinds[i]}' is listed twice");

        if (plan.Levels is not { Count: > 0 }) Error("levels", "at least one level (1–4 = I–IV) is required");
        else
            for (var i = 0; i < plan.Levels.Count; i++)
                if (plan.Levels[i] is < 1 or > 4) Error($"levels[{i}]", "a level is 1–4 (I–IV)");
                else if (plan.Levels.Take(i).Contains(plan.Levels[i])) Error($"levels[{i}]", $"level {plan.Levels[i]} is listed twice");

        if (plan.Steps is not { Count: > 0 }) Error("steps", "at least one step is required");
        else if (plan.Steps.Count > PlanVocabulary.MaxSteps) Error("steps", $"a plan has at most {PlanVocabulary.MaxSteps} steps");
        else
            for (var i = 0; i < plan.Steps.Count; i++)
            {
                if (plan.Steps[i] is not { } step) { Error($"steps[{i}]", "a step is required"); continue; }
                PlanStepRules.Check(step, $"steps[{i}]", Error, poiExists, streetExists);
                if (step.Id is { } id && plan.Steps.Take(i).Any(s => s?.Id == id)) Error($"steps[{i}].id", $"step id '{id}' is used twice");
            }
        return errors;
    }

    /// <summary>Why a required text is unusable (missing, too long, a lone surrogate escape), or null.</summary>
    internal static string? Text(string field, string? value, int max) =>
        string.IsNullOrWhiteSpace(value) ? $"{field} is required"
        : value.Length > max ? $"{field} is longer than {max} characters"
        : !CommandCenter.Ingest.FieldLimits.IsText(value) ? $"{field} is not valid text (a lone surrogate escape)" : null;

    /// <summary>1–max characters of a–z, 0–9 and '-', not starting with '-'.</summary>
    public static bool IsSlug(string? value, int max) =>
        value is { Length: > 0 } v && v.Length <= max && v[0] != '-' && v.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
