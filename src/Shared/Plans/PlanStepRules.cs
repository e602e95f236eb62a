namespace CommandCenter.Plans;

/// <summary>The rules of one plan step: the common fields, then the fields its action needs and no others.</summary>
internal static class PlanStepRules
{
    public static void Check(PlanStep step, string at, Action<string, string> error, Func<string, bool> poiExists, Func<string, bool> streetExists)
    {
        if (!PlanValidator.IsSlug(step.Id, PlanVocabulary.MaxStepIdLength))
            error($"{at}.id", $"a step id is 1–{PlanVocabulary.MaxStepIdLength} characters of a–z, 0–9 and -");
        if (PlanValidator.Text("title", step.Title, PlanVocabulary.MaxTitleLength) is { } title) error($"{at}.title", title);
        if (step.WithinMinutes is < 1 or > PlanVocabulary.MaxWithinMinutes)
            error($"{at}.withinMinutes", $"withinMinutes is 1–{PlanVocabulary.MaxWithinMinutes} (a week)");
        if (PlanValidator.Text("role", step.Role, PlanVocabulary.MaxRoleLength) is { } role) error($"{at}.role", role);
        if (!PlanActions.All.Contains(step.Action))
        {
            error($"{at}.action", $"action must be one of {string.Join(", ", PlanActions.All)}");
            return;
        }

        // the action's own fields
        switch (step.Action)
        {
            case PlanActions.Notify:
                if (PlanValidator.Text("department", step.Department, PlanVocabulary.MaxDepartmentLength) is { } department) error($"{at}.department", department);
                break;
            case PlanActions.Dispatch:
                if (step.UnitKind is null || !PlanVocabulary.UnitKinds.Contains(step.UnitKind))
                    error($"{at}.unitKind", $"unitKind must be one of {string.Join(", ", PlanVocabulary.UnitKinds)}");
                if (step.Count is not (>= 1 and <= PlanVocabulary.MaxCount)) error($"{at}.count", $"count is 1–{PlanVocabulary.MaxCount} for dispatch");
                break;
            case PlanActions.Shelter:
                if (string.IsNullOrEmpty(step.Poi)) error($"{at}.poi", "poi is required for shelter");
                else if (!poiExists(step.Poi)) error($"{at}.poi", $"no point of interest '{step.Poi}' in the county");
                break;
            case PlanActions.Warn:
                if (step.Streets is { } streets)
                {
                    if (streets.Count > PlanVocabulary.MaxStreets) error($"{at}.streets", $"at most {PlanVocabulary.MaxStreets} streets");
                    else
                        for (var i = 0; i < streets.Count; i++)
                            if (streets[i] is not { } code || !streetExists(code)) error($"{at}.streets[{i}]", $"no street '{streets[i]}' in the county");
                            else if (streets.Take(i).Contains(code)) error($"{at}.streets[{i}]", $"street '{code}' is listed twice");
                }
                break;
            case PlanActions.Supplies:
                if (!IsItemName(step.Item)) error($"{at}.item", $"item is a name of 1–{PlanVocabulary.MaxItemLength} characters of a–z and _ (sandbags, pumps, …)");
                if (step.Quantity is not (>= 1 and <= PlanVocabulary.MaxQuantity)) error($"{at}.quantity", $"quantity is 1–{PlanVocabulary.MaxQuantity:N0} for supplies");
                break;
        }

        // fields that belong to another action
        void Foreign(string field, bool present, string owner)
        {
            if (present && step.Action != owner) error($"{at}.{field}", $"{field} belongs to {owner} steps, not {step.Action}");
        }
        Foreign("department", step.Department is not null, PlanActions.Notify);
        Foreign("unitKind", step.UnitKind is not null, PlanActions.Dispatch);
        Foreign("count", step.Count is not null, PlanActions.Dispatch);
        Foreign("poi", step.Poi is not null, PlanActions.Shelter);
        Foreign("streets", step.Streets is not null, PlanActions.Warn);
        Foreign("item", step.Item is not null, PlanActions.Supplies);
        Foreign("quantity", step.Quantity is not null, PlanActions.Supplies);
    }

    private static bool IsItemName(string? item) =>
        item is { Length: > 0 and <= PlanVocabulary.MaxItemLength } && item.All(c => c is (>= 'a' and <= 'z') or '_');
}
