/// Why a theme cannot be used; every case names the file (and line) to fix.
public enum ThemeError: Error, Equatable, CustomStringConvertible {
    /// `--theme NAME` named no folder `Themes/NAME` and no path.
    case notFound(theme: String, looked: [String])
    /// A template does not parse.
    case syntax(file: String, line: Int, column: Int, reason: String)
    /// A template includes a partial or layout that no template provides.
    case unknownPartial(file: String, line: Int, name: String)
    /// A template the site needs is missing (only possible if the default theme is broken).
    case missingTemplate(name: String, theme: String)
    /// A theme file could not be read.
    case unreadable(file: String, reason: String)

    public var description: String {
        switch self {
        case .notFound(let theme, let looked):
            return
                "theme \"\(theme)\" not found (looked in \(looked.joined(separator: ", "))); give a theme folder's path or the name of a folder in Themes/"
        case .syntax(let file, let line, let column, let reason):
            return "\(file):\(line):\(column): template error: \(reason)"
        case .unknownPartial(let file, let line, let name):
            return
                "\(file):\(line): template error: no template named \"\(name)\" (partials live in templates/partials/ and are named partials/NAME)"
        case .missingTemplate(let name, let theme):
            return "theme \(theme) has no template \"\(name)\""
        case .unreadable(let file, let reason):
            return "cannot read theme file \(file): \(reason)"
        }
    }
}
