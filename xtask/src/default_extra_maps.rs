//! `default_extra_maps`: a struct whose further properties typify keeps in
//! a flattened `extra` map (see the `keep_extra_properties` transformation)
//! gets that map's natural default, nothing extra.
//!
//! typify counts the map as a required field: the struct loses `Default`,
//! and its builder fails unless given a map, though every value of the
//! schema without further properties is valid. So the builder's `extra`
//! starts as an empty map, and the struct derives `Default` again when its
//! other fields are all optional (the derive typify gives such a struct).

use syn::{Expr, Fields, Item, Type};

/// Gives every struct of `types` with a flattened `extra` map that map's
/// default, in the struct and in its builder. Returns the structs changed.
pub fn default_extra_maps(types: &mut (syn::token::Brace, Vec<Item>)) -> Vec<String> {
    let mut changed = Vec::new();
    for item in &mut types.1 {
        if let Item::Struct(item) = item
            && has_flattened_extra(&item.fields)
        {
            changed.push(item.ident.to_string());
            let others_optional = item
                .fields
                .iter()
                .filter(|field| !is_extra(field))
                .all(|field| is_option(&field.ty));
            let derives_default = item.attrs.iter().any(|attr| {
                attr.path().is_ident("derive")
                    && attr.meta.require_list().is_ok_and(|list| {
                        list.tokens
                            .to_string()
                            .split(',')
                            .any(|name| name.trim() == "Default")
                    })
            });
            if others_optional && !derives_default {
                item.attrs.push(syn::parse_quote!(#[derive(Default)]));
            }
        }
    }
    for item in &mut types.1 {
        if let Item::Mod(module) = item
            && module.ident == "builder"
            && let Some((_, items)) = module.content.as_mut()
        {
            for item in items {
                if let Item::Impl(block) = item
                    && is_default_impl_of(block, &changed)
                {
                    start_extra_empty(block);
                }
            }
        }
    }
    changed
}

fn is_extra(field: &syn::Field) -> bool {
    field.ident.as_ref().is_some_and(|ident| ident == "extra")
}

fn has_flattened_extra(fields: &Fields) -> bool {
    fields.iter().any(|field| {
        is_extra(field)
            && field.attrs.iter().any(|attr| {
                attr.path().is_ident("serde")
                    && attr
                        .meta
                        .require_list()
                        .is_ok_and(|list| list.tokens.to_string() == "flatten")
            })
    })
}

fn is_option(ty: &Type) -> bool {
    matches!(ty, Type::Path(path)
        if path.path.segments.last().is_some_and(|segment| segment.ident == "Option"))
}

/// Whether `block` is `impl Default for <one of names>` (a builder's).
fn is_default_impl_of(block: &syn::ItemImpl, names: &[String]) -> bool {
    let implements_default = block.trait_.as_ref().is_some_and(|(path, _)| {
        path.segments
            .last()
            .is_some_and(|segment| segment.ident == "Default")
    });
    let for_changed = matches!(&*block.self_ty, Type::Path(path)
        if path.path.segments.last().is_some_and(|segment| names.contains(&segment.ident.to_string())));
    implements_default && for_changed
}

/// In a builder's `default()`, `extra: Err("no value supplied ...")`
/// becomes `extra: Ok(Default::default())`.
fn start_extra_empty(block: &mut syn::ItemImpl) {
    for member in &mut block.items {
        let syn::ImplItem::Fn(function) = member else {
            continue;
        };
        for stmt in &mut function.block.stmts {
            if let syn::Stmt::Expr(Expr::Struct(value), _) = stmt {
                for field in &mut value.fields {
                    if matches!(&field.member, syn::Member::Named(name) if name == "extra") {
                        field.expr = syn::parse_quote!(Ok(Default::default()));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::default_extra_maps;

    fn types(source: &str) -> (syn::token::Brace, Vec<syn::Item>) {
        let file: syn::File = syn::parse_str(source).unwrap();
        (syn::token::Brace::default(), file.items)
    }

    fn unparse(items: Vec<syn::Item>) -> String {
        let mut file: syn::File = syn::parse_str("").unwrap();
        file.items = items;
        prettyplease::unparse(&file)
    }

    #[test]
    fn an_extra_map_starts_empty_and_the_struct_defaults_again() {
        let mut types = types(
            r#"
            #[derive(Clone, Debug)]
            pub struct Metadata {
                pub usage: Option<u64>,
                #[serde(flatten)]
                pub extra: ::serde_json::Map<String, ::serde_json::Value>,
            }
            pub struct Closed { pub usage: Option<u64> }
            pub mod builder {
                impl ::std::default::Default for Metadata {
                    fn default() -> Self {
                        Self {
                            usage: Ok(Default::default()),
                            extra: Err("no value supplied for extra".to_string()),
                        }
                    }
                }
            }
            "#,
        );
        assert_eq!(default_extra_maps(&mut types), ["Metadata"]);
        let source = unparse(types.1);
        assert!(
            source.contains("#[derive(Default)]\npub struct Metadata"),
            "{source}"
        );
        assert!(source.contains("extra: Ok(Default::default())"), "{source}");
        assert!(!source.contains("no value supplied"), "{source}");
        assert!(
            !source.contains("#[derive(Default)]\npub struct Closed"),
            "{source}"
        );
    }

    #[test]
    fn a_struct_with_a_required_field_gets_no_default() {
        let mut types = types(
            r#"
            pub struct Run {
                pub id: String,
                #[serde(flatten)]
                pub extra: ::serde_json::Map<String, ::serde_json::Value>,
            }
            "#,
        );
        assert_eq!(default_extra_maps(&mut types), ["Run"]);
        let source = unparse(types.1);
        assert!(!source.contains("Default"), "{source}");
    }
}
