//! Builder setters that several request types share, written once.

/// `project_id` and `organization_id` setters, for request types whose
/// operation takes those query parameters (fields of the same names).
macro_rules! scope_setters {
    ($action:literal) => {
        #[doc = concat!("The project to ", $action, "; the API key's default project when unset.")]
        pub fn project_id(mut self, project_id: $crate::ids::ProjectId) -> Self {
            self.project_id = Some(project_id);
            self
        }

        #[doc = concat!("The organization to ", $action, "; the API key's default when unset.")]
        pub fn organization_id(mut self, organization_id: $crate::ids::OrganizationId) -> Self {
            self.organization_id = Some(organization_id);
            self
        }
    };
}

/// The per-job overrides both ways of creating a job take (fields
/// `config_override`, `data_schema_override`, `from_ui`).
macro_rules! job_override_setters {
    () => {
        /// A configuration for this job instead of the agent's; checked
        /// before sending.
        pub fn config_override(mut self, config: $crate::models::ExtractConfig) -> Self {
            self.config_override = Some(config);
            self
        }

        /// A data schema for this job instead of the agent's.
        pub fn data_schema_override(mut self, schema: $crate::models::DataSchema) -> Self {
            self.data_schema_override = Some(schema);
            self
        }

        /// Marks the job as started from the web UI (`from_ui=true`).
        pub fn from_ui(mut self, from_ui: bool) -> Self {
            self.from_ui = from_ui;
            self
        }
    };
}

/// A generated builder with the optional `project_id` and `organization_id`
/// query parameters set when given.
macro_rules! with_scope {
    ($call:expr, $project:expr, $organization:expr) => {{
        let mut call = $call;
        if let Some(project) = $project {
            call = call.project_id(project);
        }
        if let Some(organization) = $organization {
            call = call.organization_id(organization);
        }
        call
    }};
}

pub(crate) use {job_override_setters, scope_setters, with_scope};
