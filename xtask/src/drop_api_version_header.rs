//! `drop_api_version_header`: progenitor makes every operation send an
//! `api-version` header carrying the spec's `info.version`. LlamaCloud
//! defines no such header and the official clients send none, so the
//! generated builders are rewritten not to send it: each request is then
//! what the contract describes, and one header map smaller.

/// Removes the `api-version` header from every generated operation, and
/// sizes each header map for what is left. Returns how many operations
/// sent it.
pub fn drop_api_version_header(file: &mut syn::File) -> usize {
    let mut dropped = 0;
    for item in &mut file.items {
        let syn::Item::Mod(module) = item else {
            continue;
        };
        let Some((_, items)) = module.content.as_mut() else {
            continue;
        };
        for item in items {
            let syn::Item::Impl(block) = item else {
                continue;
            };
            for member in &mut block.items {
                if let syn::ImplItem::Fn(function) = member
                    && drop_from(&mut function.block.stmts)
                {
                    dropped += 1;
                }
            }
        }
    }
    dropped
}

/// Drops the header from one function's statements; true when it was there.
fn drop_from(stmts: &mut Vec<syn::Stmt>) -> bool {
    let before = stmts.len();
    stmts.retain(|stmt| !appends_api_version(stmt));
    if stmts.len() == before {
        return false;
    }
    for stmt in stmts.iter_mut() {
        shrink_header_map(stmt);
    }
    true
}

/// `header_map.append(HeaderName::from_static("api-version"), ...);`
fn appends_api_version(stmt: &syn::Stmt) -> bool {
    let syn::Stmt::Expr(syn::Expr::MethodCall(call), _) = stmt else {
        return false;
    };
    if call.method != "append" {
        return false;
    }
    let Some(syn::Expr::Call(name)) = call.args.first() else {
        return false;
    };
    matches!(
        name.args.first(),
        Some(syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(text), .. }))
            if text.value() == "api-version"
    )
}

/// `let mut header_map = HeaderMap::with_capacity(N);` becomes `N - 1`: with
/// no header parameter left the map is `with_capacity(0)`, which allocates
/// nothing, and is no longer `mut`.
fn shrink_header_map(stmt: &mut syn::Stmt) {
    let syn::Stmt::Local(local) = stmt else {
        return;
    };
    let Some(init) = local.init.as_mut() else {
        return;
    };
    let syn::Expr::Call(call) = init.expr.as_mut() else {
        return;
    };
    let syn::Expr::Path(function) = call.func.as_ref() else {
        return;
    };
    if function
        .path
        .segments
        .last()
        .is_none_or(|segment| segment.ident != "with_capacity")
    {
        return;
    }
    if let Some(syn::Expr::Lit(syn::ExprLit {
        lit: syn::Lit::Int(size),
        ..
    })) = call.args.first_mut()
        && let Ok(value) = size.base10_parse::<usize>()
    {
        let fewer = value.saturating_sub(1);
        *size = syn::LitInt::new(&format!("{fewer}usize"), size.span());
        if fewer == 0
            && let syn::Pat::Ident(binding) = &mut local.pat
        {
            binding.mutability = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::drop_api_version_header;

    const SEND: &str = r#"
        pub mod builder {
            impl<'a> GetJob<'a> {
                pub async fn send(self) {
                    let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
                    header_map.append(
                        ::reqwest::header::HeaderName::from_static("api-version"),
                        ::reqwest::header::HeaderValue::from_static(super::Client::api_version()),
                    );
                    header_map.append("x-trace", value);
                }
                pub fn other(self) {
                    let map = HeaderMap::with_capacity(3usize);
                }
                pub async fn bare(self) {
                    let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
                    header_map.append(
                        ::reqwest::header::HeaderName::from_static("api-version"),
                        ::reqwest::header::HeaderValue::from_static(super::Client::api_version()),
                    );
                }
            }
        }
    "#;

    #[test]
    fn the_header_goes_and_the_map_shrinks() {
        let mut file: syn::File = syn::parse_str(SEND).unwrap();
        assert_eq!(drop_api_version_header(&mut file), 2);
        let text = prettyplease::unparse(&file);
        assert!(!text.contains("api-version"), "{text}");
        assert!(text.contains("with_capacity(1usize)"), "{text}");
        // A header parameter of the operation stays.
        assert!(
            text.contains(r#"header_map.append("x-trace", value)"#),
            "{text}"
        );
        // A map left empty allocates nothing and is not `mut`.
        assert!(
            text.contains("let header_map = ::reqwest::header::HeaderMap::with_capacity(0usize);"),
            "{text}"
        );
        // A function that never sent it is left alone.
        assert!(text.contains("with_capacity(3usize)"), "{text}");
    }

    #[test]
    fn the_real_client_sends_no_api_version() {
        let source = crate::codegen::generate(
            &std::fs::read_to_string(crate::workspace_root().join(crate::codegen::FRAGMENT))
                .unwrap(),
            &crate::codegen::load_table(&crate::workspace_root()).unwrap(),
        )
        .unwrap();
        assert!(!source.contains("\"api-version\""));
        assert!(source.contains("HeaderMap::with_capacity(0usize)"));
    }
}
