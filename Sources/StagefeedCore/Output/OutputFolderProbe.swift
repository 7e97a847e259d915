import Foundation

/// Tells whether files are in an output folder: each asked for by its path relative to the
/// folder, opened once, and by the process's effective ids (`AT_EACCESS`), which spares the
/// kernel a copy of the process's credentials for each file. A moved set's build at 20k asks
/// for the 25,000 files of the last one.
final class OutputFolderProbe: Sendable {
    private let descriptor: Int32

    /// A probe of `folder`; one of a folder that is not there finds nothing.
    init(_ folder: URL) {
        descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Whether the file at `path`, relative to the folder, is there.
    func contains(_ path: String) -> Bool {
        descriptor >= 0 && faccessat(descriptor, path, F_OK, AT_EACCESS) == 0
    }
}
