namespace CommandCenter.Localization;

/// <summary>
/// The interface's words: UiText.resx is Chinese (zh-CN, the neutral language), UiText.en.resx English.
/// Pages read them through IStringLocalizer&lt;UiText&gt;; the browser modules get them as JSON in the page.
/// </summary>
public sealed class UiText;
