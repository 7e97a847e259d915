import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The small XML documents S3 answers with (`ListBucketResult`, `Error`), read into a
/// tree of elements by Foundation's XML parser.
struct S3XML: Sendable {
    /// One element: its name, its text and its child elements.
    struct Element: Sendable {
        var name: String
        var text = ""
        var children: [Element] = []

        /// The text of the first child named `name`.
        func value(_ name: String) -> String? { children.first { $0.name == name }?.text }

        /// Every child named `name`.
        func all(_ name: String) -> [Element] { children.filter { $0.name == name } }
    }

    /// The document's root element, or nil when the bytes are not XML.
    static func parse(_ data: Data) -> Element? {
        let collector = Collector()
        let parser = XMLParser(data: data)
        parser.delegate = collector
        parser.shouldProcessNamespaces = true
        guard parser.parse() else { return nil }
        return collector.root
    }

    /// Builds the element tree as the parser reports it.
    private final class Collector: NSObject, XMLParserDelegate {
        var stack: [Element] = []
        var root: Element?

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            stack.append(Element(name: elementName))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].text += string
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
        ) {
            guard let element = stack.popLast() else { return }
            if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
        }
    }
}
