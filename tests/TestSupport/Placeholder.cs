namespace CommandCenter; internal static class Placeholder {}
