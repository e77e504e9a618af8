// The shape of the provider-schema subset in terraform/schema/: for each resource type (and each
// data source, keyed `data.<type>`), its arguments (true when required) and nested blocks.

export type BlockSchema = {
  readonly attributes: Readonly<Record<string, boolean>>;
  readonly blocks: Readonly<Record<string, NestedBlockSchema>>;
};

export type NestedBlockSchema = BlockSchema & { readonly required: boolean };

export type ProviderSchema = {
  readonly source: string;
  readonly types: Readonly<Record<string, BlockSchema>>;
};
