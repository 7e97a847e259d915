/// A picture a program names: its URL as the source gave it, and what it is a picture of,
/// for messages ("artist Rosa & the Thorns (a_001)").
public struct ImageRequest: Sendable, Hashable {
    public var url: String
    public var owner: String

    public init(url: String, owner: String) {
        self.url = url
        self.owner = owner
    }
}

extension Program {
    /// Every picture URL the program names, once (the first owner named): the artists'
    /// photos, the activities' images and the nights' flyers. Only http(s) URLs are left by
    /// normalization; any other is never asked for.
    public var imageRequests: [ImageRequest] {
        var seen: Set<String> = []
        var requests: [ImageRequest] = []
        func add(_ url: String?, _ owner: @autoclosure () -> String) {
            guard let url, WebLink.isSafe(url), seen.insert(url).inserted else { return }
            requests.append(ImageRequest(url: url, owner: owner()))
        }
        for artist in artists { add(artist.imageURL, "artist \(artist.name) (\(artist.id))") }
        for performance in performances {
            if let activity = performance.activity {
                add(activity.imageURL, "activity \(activity.name) (\(activity.id))")
            }
            add(performance.details?.flyerURL, "the flyer of \(performance.displayName) (\(performance.id))")
        }
        return requests
    }

    /// The picture a set shows: its artist's photo, else its activity's image, else its flyer.
    public func imageURL(of performance: Performance, artists: [String: Artist]) -> String? {
        performance.artistID.flatMap { artists[$0]?.imageURL } ?? performance.activity?.imageURL
            ?? performance.details?.flyerURL
    }
}
