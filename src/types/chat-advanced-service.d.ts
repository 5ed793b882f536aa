// The Advanced Chat service (`Chat` global) as Apps Script exposes it. @types/google-apps-script has no
// typings for it, so bodies, results and optional arguments are typed with @googleapis/chat's schema
// types: a misspelt Chat field is a compile error. Type-only: nothing of the package is bundled.
import type { chat_v1 } from '@googleapis/chat';

type Headers = { [header: string]: string };
/** Optional arguments of a method: its query parameters, without the path and body ones. */
type Args<P> = Omit<
  P,
  'auth' | 'requestBody' | 'name' | 'parent' | 'fields' | 'key' | 'oauth_token' | 'quotaUser'
>;

declare global {
  namespace ChatV1 {
    type Space = chat_v1.Schema$Space;
    type Membership = chat_v1.Schema$Membership;
    type Message = chat_v1.Schema$Message;
    type CardWithId = chat_v1.Schema$CardWithId;
    type SetUpSpaceRequest = chat_v1.Schema$SetUpSpaceRequest;
    type ListMembershipsResponse = chat_v1.Schema$ListMembershipsResponse;
    type ListSpacesResponse = chat_v1.Schema$ListSpacesResponse;
    type SearchSpacesResponse = chat_v1.Schema$SearchSpacesResponse;
    type ListMessagesResponse = chat_v1.Schema$ListMessagesResponse;
    type ListReactionsResponse = chat_v1.Schema$ListReactionsResponse;
    type Thread = chat_v1.Schema$Thread;
    type Empty = chat_v1.Schema$Empty;
    type SpaceDetails = chat_v1.Schema$SpaceDetails;
    type UploadAttachmentRequest = chat_v1.Schema$UploadAttachmentRequest;
    type UploadAttachmentResponse = chat_v1.Schema$UploadAttachmentResponse;

    /** Media methods take the resource, the path parameters, then the media (a Blob), as the advanced
     *  services order them (`Drive.Files.update(resource, fileId, mediaData)`). */
    interface MediaCollection {
      upload(
        request: UploadAttachmentRequest,
        parent: string,
        mediaData: GoogleAppsScript.Base.BlobSource,
        args?: Record<string, never>,
        headers?: Headers,
      ): UploadAttachmentResponse;
    }

    interface MessagesCollection {
      create(
        message: Message,
        parent: string,
        args?: Args<chat_v1.Params$Resource$Spaces$Messages$Create>,
        headers?: Headers,
      ): Message;
      get(name: string, args?: Args<chat_v1.Params$Resource$Spaces$Messages$Get>, headers?: Headers): Message;
      list(
        parent: string,
        args?: Args<chat_v1.Params$Resource$Spaces$Messages$List>,
        headers?: Headers,
      ): ListMessagesResponse;
      patch(
        message: Message,
        name: string,
        args: Args<chat_v1.Params$Resource$Spaces$Messages$Patch>,
        headers?: Headers,
      ): Message;
      remove(
        name: string,
        args?: Args<chat_v1.Params$Resource$Spaces$Messages$Delete>,
        headers?: Headers,
      ): Empty;
      Reactions: ReactionsCollection;
    }
    interface ReactionsCollection {
      list(
        parent: string,
        args?: Args<chat_v1.Params$Resource$Spaces$Messages$Reactions$List>,
        headers?: Headers,
      ): ListReactionsResponse;
    }
    interface MembersCollection {
      create(
        membership: Membership,
        parent: string,
        args?: Args<chat_v1.Params$Resource$Spaces$Members$Create>,
        headers?: Headers,
      ): Membership;
      get(
        name: string,
        args?: Args<chat_v1.Params$Resource$Spaces$Members$Get>,
        headers?: Headers,
      ): Membership;
      list(
        parent: string,
        args?: Args<chat_v1.Params$Resource$Spaces$Members$List>,
        headers?: Headers,
      ): ListMembershipsResponse;
      patch(
        membership: Membership,
        name: string,
        args: Args<chat_v1.Params$Resource$Spaces$Members$Patch>,
        headers?: Headers,
      ): Membership;
      remove(
        name: string,
        args?: Args<chat_v1.Params$Resource$Spaces$Members$Delete>,
        headers?: Headers,
      ): Membership;
    }
    interface SpacesCollection {
      create(space: Space, args?: Args<chat_v1.Params$Resource$Spaces$Create>, headers?: Headers): Space;
      setup(request: SetUpSpaceRequest, headers?: Headers): Space;
      get(name: string, args?: Args<chat_v1.Params$Resource$Spaces$Get>, headers?: Headers): Space;
      list(args?: Args<chat_v1.Params$Resource$Spaces$List>, headers?: Headers): ListSpacesResponse;
      search(args?: Args<chat_v1.Params$Resource$Spaces$Search>, headers?: Headers): SearchSpacesResponse;
      patch(
        space: Space,
        name: string,
        args: Args<chat_v1.Params$Resource$Spaces$Patch>,
        headers?: Headers,
      ): Space;
      remove(name: string, args?: Args<chat_v1.Params$Resource$Spaces$Delete>, headers?: Headers): Empty;
      Members: MembersCollection;
      Messages: MessagesCollection;
    }
    interface Service {
      Spaces: SpacesCollection;
      Media: MediaCollection;
    }
  }
  const Chat: ChatV1.Service;
}

export {};
